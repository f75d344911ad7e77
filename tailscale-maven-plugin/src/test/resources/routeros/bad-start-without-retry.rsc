# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:onerror e in={
  /container start [/container/find where name=$cName]
} do={ :log error "start: $e" }
