# mikrotik-tailscale: one-time setup of the Tailscale container on a router
#
# Creates what the container needs, each piece only when it is missing, so the
# script can be run again after a change or a failure: a veth for the
# container, a bridge with the router's address on that network, the route to
# the tailnet through the container, a RAM disk (tmpfs) where images are
# extracted instead of flash, the mount that keeps Tailscale's state on flash,
# the environment list (with optional entries for an unattended first login),
# and the tag this router follows. Then it runs update-tailscale.rsc, which
# reads the release that tag points at from the registry, checks that it fits,
# and creates the container from the release's immutable reference. Existing
# objects are left as they are; change or remove them by hand if needed.
#
# RouterOS 7.21 or newer (all version gates are in the "RouterOS requirements"
# block below), the container package, and device mode allowing container and
# fetch: /system/device-mode/update container=yes (then confirm with the reset
# button or a power cycle).
#
# Install update-tailscale.rsc first (see its header), then:
#   /system/script/add name=deploy-tailscale source=[/file/get deploy-tailscale.rsc contents]
#   /system/script/run deploy-tailscale

# --- CONFIG --------------------------------------------------------------------
:local scriptName "deploy-tailscale"
# The updater, installed under this name; it creates the container.
:local updateScript "update-tailscale"
# The tag to follow: "stable", or a release tag (v1.98.3-mt.1) to stay on it.
:local followTag "stable"
:local cName "@routeros.container.name@"
# Container network: its address, the router's address on the same subnet
# (the bridge's), and a subnet that is free on this router.
:local cVeth "veth-tailscale"
:local vethAddress "172.20.0.2/24"
:local vethGateway "172.20.0.1"
:local bridgeName "containers"
:local bridgeAddress "172.20.0.1/24"
# The tailnet's addresses, routed to the container.
:local tailnetRoute "100.64.0.0/10"
# RAM disk for pulling and extracting images (keeps that off flash): a few times the compressed
# image (3.5-4.3 MB today); tmpfs takes RAM only as files fill it.
:local tmpSlot "tmp"
:local tmpSize "16M"
# Tailscale's state (node identity): the only data kept on flash besides the
# image. Under flash/ on devices that have that folder.
:local cMountList "tailscale_state"
:local stateSrc "tailscale/state"
:local stateDst "/var/lib/tailscale"
# Unattended first start: the image reads these at start. Leave them empty to
# log in by hand with "tailscale up" in /container/shell. The auth key is kept
# in the router's configuration; remove that entry once the node has joined.
:local cEnvList "tailscale_env"
:local tsAuthKey ""
:local tsHostname ""
:local tsRoutes ""
:local tsExtraArgs ""
:local tsLoginServer ""
# Shared with update-tailscale.rsc (the same name there).
:local stateFile "tailscale-update.json"
# --- END CONFIG ----------------------------------------------------------------

# --- RouterOS requirements (the only version gates of this script) ----------------
:local rosVersion [/system/resource/get version]
:local dot [:find $rosVersion "."]
:if ([:typeof $dot] != "num") do={ :error "$scriptName: cannot read RouterOS version $rosVersion" }
:local rosMajor [:tonum [:pick $rosVersion 0 $dot]]
:local rosMinor 0
:local pos ($dot + 1)
:while ($pos < [:len $rosVersion] && [:typeof [:find "0123456789" [:pick $rosVersion $pos]]] = "num") do={
  :set rosMinor ($rosMinor * 10 + [:tonum [:pick $rosVersion $pos]])
  :set pos ($pos + 1)
}
:local rosNum ($rosMajor * 100 + $rosMinor)
# 7.21: name= on /container/add (7.19), the registry in remote-image honoured
# (7.18), envs list= with envlists= (7.20), mountlists= (7.21).
:if ($rosNum < 721) do={
  :log error "$scriptName: RouterOS $rosVersion is too old: 7.21 or newer is needed; upgrade RouterOS, then run again"
  :error "RouterOS 7.21 or newer is needed"
}
:if ([:len [/system/package/find where name="container"]] = 0) do={
  :log error "$scriptName: the container package is not installed; install it for RouterOS $rosVersion, then run again"
  :error "container package missing"
}
# Device mode (home mode turns fetch and the scheduler off).
:foreach feature in={"container"; "fetch"; "scheduler"} do={
  :local allowed ""
  :onerror e in={ :set allowed [:tostr [/system/device-mode/get $feature]] } do={ :set allowed "unknown" }
  :if ($allowed = "unknown") do={
    :log warning "$scriptName: cannot read device mode $feature; continuing (see /system/device-mode/print)"
  } else={ :if ($allowed != "true" && $allowed != "yes") do={
    :if ($feature = "scheduler") do={
      :log warning "$scriptName: device mode has scheduler=$allowed: daily updates cannot run; /system/device-mode/update scheduler=yes"
    } else={
      :log error "$scriptName: device mode has $feature=$allowed; enable it with /system/device-mode/update $feature=yes (then press the reset button or power-cycle to confirm)"
      :error "device mode forbids $feature"
    }
  } }
}
# An @ ("\40") left in the container name means CONFIG was never filled in.
:if ([:typeof [:find $cName "\40"]] = "num") do={
  :log error "$scriptName: fill in CONFIG (container name) first"
  :error "CONFIG not filled in"
}
:if ([:len [/system/script/find where name=$updateScript]] = 0) do={
  :log error "$scriptName: install update-tailscale.rsc as the script $updateScript first: /system/script/add name=$updateScript source=[/file/get update-tailscale.rsc contents]"
  :error "$updateScript is not installed"
}

# --- where things are kept ------------------------------------------------------------
# Devices with a flash folder keep everything outside it in RAM: the state
# mount and the updater's record must live under flash/ there.
:local flashDir ""
:if ([:len [/file/find where name="flash"]] > 0) do={ :set flashDir "flash/" }
:local stateSource ($flashDir . $stateSrc)
:local statePath ($flashDir . $stateFile)

# --- 1. network --------------------------------------------------------------------
:if ([:len [/interface/veth/find where name=$cVeth]] = 0) do={
  /interface/veth/add name=$cVeth address=$vethAddress gateway=$vethGateway comment=$cName
  :log info "$scriptName: added veth $cVeth ($vethAddress)"
}
:if ([:len [/interface/bridge/find where name=$bridgeName]] = 0) do={
  /interface/bridge/add name=$bridgeName comment=$cName
  :log info "$scriptName: added bridge $bridgeName"
}
:if ([:len [/ip/address/find where interface=$bridgeName and address=$bridgeAddress]] = 0) do={
  /ip/address/add address=$bridgeAddress interface=$bridgeName comment=$cName
  :log info "$scriptName: added $bridgeAddress on $bridgeName"
}
:if ([:len [/interface/bridge/port/find where bridge=$bridgeName and interface=$cVeth]] = 0) do={
  /interface/bridge/port/add bridge=$bridgeName interface=$cVeth
  :log info "$scriptName: put $cVeth on $bridgeName"
}
# The container's own address is the veth address without its prefix length.
:local containerIp [:pick $vethAddress 0 [:find $vethAddress "/"]]
:if ([:len [/ip/route/find where dst-address=$tailnetRoute and gateway=$containerIp]] = 0) do={
  /ip/route/add dst-address=$tailnetRoute gateway=$containerIp comment="Tailnet via $cName"
  :log info "$scriptName: added route $tailnetRoute via $containerIp"
}

# --- 2. extract images in RAM ------------------------------------------------------
:if ([:len [/disk/find where slot=$tmpSlot]] = 0) do={
  /disk/add type=tmpfs tmpfs-max-size=$tmpSize slot=$tmpSlot
  :log info "$scriptName: added tmpfs $tmpSlot ($tmpSize)"
}
/container/config/set tmpdir=$tmpSlot

# --- 3. the state mount ----------------------------------------------------------
# Entries are grouped by list= from 7.21 (name= before); both are read, and the
# add tries list= first, parsed at run time so the other spelling cannot stop
# the script from loading. Only the mount on the state directory counts: the list
# may also hold a CA mount (USAGE.md, "A login server with its own CA").
:local mountFound false
:foreach m in=[/container/mounts/print as-value] do={
  :if (((($m->"list") = $cMountList) || (($m->"name") = $cMountList)) && (($m->"dst") = $stateDst)) do={
    :set mountFound true
    :if (($m->"src") != $stateSource) do={
      :log warning "$scriptName: mount $cMountList keeps the state in $($m->"src"), not $stateSource; on a device with a flash folder that is RAM. Fix: /container/mounts/set $($m->".id") src=$stateSource (the node logs in again once)"
    }
  }
}
:if (!$mountFound) do={
  :local added false
  :local errors ""
  :local values {list=$cMountList; src=$stateSource; dst=$stateDst}
  :foreach spelling in={"/container/mounts/add list=(\$a->\"list\") src=(\$a->\"src\") dst=(\$a->\"dst\")"; "/container/mounts/add name=(\$a->\"list\") src=(\$a->\"src\") dst=(\$a->\"dst\")"} do={
    :if (!$added) do={
      :onerror e in={
        :local add [:parse $spelling]
        $add a=$values
        :set added true
      } do={ :set errors ($errors . " [" . $e . "]") }
    }
  }
  :if (!$added) do={ :error "$scriptName: could not add mount $cMountList:$errors" }
  :log info "$scriptName: added mount $cMountList ($stateSource -> $stateDst)"
}

# --- 4. the environment list --------------------------------------------------------
# The list always exists (one harmless entry keeps it), so the container is
# always created with it and TS_* entries can be added by hand later.
:local tsEnv {ROUTEROS_ENV_LIST=$cEnvList; TS_AUTHKEY=$tsAuthKey; TS_HOSTNAME=$tsHostname; TS_ROUTES=$tsRoutes; TS_EXTRA_ARGS=$tsExtraArgs; TS_LOGIN_SERVER=$tsLoginServer}
:foreach envKey,envValue in=$tsEnv do={
  :if ([:len $envValue] > 0) do={
    :local existing [/container/envs/find where list=$cEnvList and key=$envKey]
    :if ([:len $existing] > 0) do={
      /container/envs/set $existing value=$envValue
    } else={
      /container/envs/add list=$cEnvList key=$envKey value=$envValue
      :log info "$scriptName: added $envKey to $cEnvList"
    }
  }
}

# --- 5. the tag this router follows ------------------------------------------------
:local record [:toarray ""]
:local recordIds [/file/find where name=$statePath]
:if ([:len $recordIds] > 0) do={
  :onerror e in={ :set record [:deserialize from=json value=[/file/get ($recordIds->0) contents]] } do={
    :log warning "$scriptName: $statePath is unreadable ($e); writing it afresh"
  }
}
# Running deploy again is the owner's request to try once more: a digest the
# updater recorded as failed is forgotten.
:if ([:tostr ($record->"follow")] != $followTag || [:len [:tostr ($record->"failed")]] > 0) do={
  :set ($record->"follow") $followTag
  :set ($record->"failed") ""
  :local text [:serialize to=json value=$record]
  :if ([:len $recordIds] > 0) do={
    /file/set ($recordIds->0) contents=$text
  } else={
    /file/add name=$statePath contents=$text
  }
  :log info "$scriptName: this router follows :$followTag ($statePath)"
}

# --- 6. the container: the updater creates it from the release :followTag points at ------
:log info "$scriptName: running $updateScript to create or update $cName"
:onerror e in={ /system/script/run $updateScript } do={ :log error "$scriptName: $updateScript failed: $e" }
:local runs false
:onerror e in={ :set runs ([:len [/container/find where name=$cName and running]] > 0) } do={ :set runs false }
:if ($runs) do={
  :log info "$scriptName: $cName runs; log in with /container/shell $cName and tailscale up, unless TS_AUTHKEY is set"
} else={
  :log warning "$scriptName: $cName is not running; see the $updateScript lines in /log/print where message~\"tailscale\""
}
