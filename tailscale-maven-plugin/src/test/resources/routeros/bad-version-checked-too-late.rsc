# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local ids [/container/find where name=$cName]
:local rosVersion [/system/resource/get version]
:put $ids
