# --- CONFIG ---
:local host "registry.example"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
/tool/fetch url=https://registry.example/v2/token?scope=x&service=y output=user
