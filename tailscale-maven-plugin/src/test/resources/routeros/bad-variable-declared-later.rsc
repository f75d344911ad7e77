# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:put $digest
:local digest ""
