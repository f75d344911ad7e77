# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:if ([:len $cName] > 0) do={
  :local inner "x"
}
:put $inner
