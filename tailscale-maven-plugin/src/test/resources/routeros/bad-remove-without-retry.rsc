# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local runs [:len [/container/find where name=$cName and running]]
# in place: flash holds one image
/container/remove [/container/find where name=$cName]
