:local cName "tailscale"
:local rosVersion [/system/resource/get version]
:put $cName
