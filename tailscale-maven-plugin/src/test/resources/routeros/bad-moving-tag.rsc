# A container made from :stable: the router runs whatever the tag points at when it pulls.
# --- CONFIG ---
:local imageRef "registry.example/a/b:stable"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
/container/add remote-image=$imageRef name="tailscale"
