# --- CONFIG ---
:local cName "tailscale"
:log info "configured"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:put $cName
