# A root-dir and a file on a device that may keep everything outside flash/ in RAM.
# --- CONFIG ---
:local rootDir "tailscale/root"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local options ("root-dir=" . $rootDir)
/file/add name="tailscale-image.digest" contents="deployed"
