# --- CONFIG ---
:local cName "tailscale"
# --- END CONFIG ---
:put [/container/find where name=$cName]
