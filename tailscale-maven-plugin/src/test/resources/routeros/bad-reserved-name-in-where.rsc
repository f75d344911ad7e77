# The env loop of deploy-tailscale.rsc before issue 18: "where key=$key" compares the
# property key with itself, so every entry matches and the last value overwrites them all.
# --- CONFIG ---
:local cEnvList "tailscale_env"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local tsEnv {TS_AUTHKEY="tskey"; TS_ROUTES="10.0.0.0/24"}
:foreach key,value in=$tsEnv do={
  :foreach entry in=[/container/envs/print as-value where key=$key] do={ :put ($entry->".id") }
}
