# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
/container/remove [/container/find where name=$cName]
