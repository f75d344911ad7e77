# --- CONFIG ---
:local tokenUrl "https://registry.example/v2/token?scope=repository:a/b:pull&service=registry.example"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local reply [/tool/fetch url=$tokenUrl output=user as-value]
