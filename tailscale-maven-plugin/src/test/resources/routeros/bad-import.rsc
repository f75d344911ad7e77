# Install: upload the file, then /import file=update-tailscale.rsc
# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:put $cName
