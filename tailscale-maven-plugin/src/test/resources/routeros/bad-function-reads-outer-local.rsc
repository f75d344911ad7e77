# A function body does not see the caller's locals.
# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local show do={
  :put $cName
}
$show
