# The old container removed before its successor was added and seen running.
# --- CONFIG ---
:local cName "tailscale"
:local ref "registry.example/a/b:v1.98.3-mt.1"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:onerror e in={ :retry command={ /container/remove [/container/find where name=$cName] } delay=2 max=30 } do={ :log error "remove: $e" }
/container/add remote-image=($ref) name=$cName
:local runs [:len [/container/find where name=$cName and running]]
