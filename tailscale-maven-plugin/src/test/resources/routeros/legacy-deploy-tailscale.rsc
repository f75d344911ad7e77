# The deploy script as it was before issue 18 (kept to show the checker finds its defects).
# mikrotik-tailscale: one-time setup of the Tailscale container on a router
#
# Creates what the container needs, each piece only when it is missing, so the
# script can be run again after a change or a failure: a veth for the
# container, a bridge with the router's address on that network, the route to
# the tailnet through the container, a RAM disk (tmpfs) where images are
# extracted instead of flash, the mount that keeps Tailscale's state on flash,
# optional environment entries for an unattended first login, and the
# container itself (started on boot, logging to the router's log). Existing
# objects are left as they are; change or remove them by hand if needed.
#
# RouterOS 7.13 or newer with the container package installed and container
# mode enabled (/system/device-mode/update container=yes). Options RouterOS
# 7.23 added (restart policy, ignore-remote-image-change) are set only there.
#
# Run it with /system/script/add name=deploy-tailscale source=[/file/get deploy-tailscale.rsc contents]
# and then /system/script/run deploy-tailscale, or paste it into a terminal.
# Afterwards install update-tailscale.rsc (see its header) with the same names.

# --- CONFIG --------------------------------------------------------------------
:local scriptName "deploy-tailscale"
# The image; the build fills it in (image-project/target/routeros/).
:local imageRef "@image.reference@"
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
# RAM disk for pulling and extracting images (keeps that off flash).
:local tmpSlot "tmp"
:local tmpSize "256M"
# Where the container's files live, and the only state kept on flash.
:local cRootDir "tailscale/root"
:local cMountList "tailscale_state"
:local stateSrc "tailscale/state"
:local stateDst "/var/lib/tailscale"
:local cLogging "yes"
:local cStartOnBoot "yes"
# RouterOS 7.23+: restart policy ("" keeps RouterOS' default).
:local cRestartPolicy "on-failure"
# RouterOS 7.23+: "yes" keeps RouterOS from pulling the image by itself, so
# only update-tailscale.rsc (with its free-space check) replaces it.
:local cIgnoreRemoteChange "yes"
# Unattended first start: the image reads these at start. Leave them empty to
# log in by hand with "tailscale up" in /container/shell. The auth key is kept
# in the router's configuration; remove that entry once the node has joined.
:local cEnvList "tailscale_env"
:local tsAuthKey ""
:local tsHostname ""
:local tsRoutes ""
:local tsExtraArgs ""
:local tsLoginServer ""
# Shared with update-tailscale.rsc: tells its first run that this script has
# just created the container from the current image.
:local stateFile "tailscale-image.digest"
# Seconds the image may take to download, extract and start.
:local startTimeout 300
# --- END CONFIG ----------------------------------------------------------------

# --- RouterOS version ------------------------------------------------------------
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
:if ($rosNum < 713) do={
  :log error "$scriptName: RouterOS $rosVersion is too old: 7.13 or newer is needed"
  :error "RouterOS 7.13 or newer is needed"
}
# An @ ("\40") left in the image reference means CONFIG was never filled in.
:if ([:typeof [:find $imageRef "\40"]] = "num") do={
  :log error "$scriptName: fill in CONFIG (image reference, container name) first"
  :error "CONFIG not filled in"
}

# --- helpers ---------------------------------------------------------------------
# Runs the first spelling of a command this RouterOS accepts. $1 holds the
# spellings (code, parsed at run time), $2 the values they read as $a->"name".
# Option names of /container changed between versions (list= against name=,
# mountlists= against mounts=); a spelling the router does not know fails to
# parse and the next one is tried. Returns "" or the errors of every spelling.
:local runFirst do={
  :local spellings $1
  :local values $2
  :local done false
  :local errors ""
  :foreach spelling in=$spellings do={
    :if (!$done) do={
      :onerror e in={
        :local command [:parse $spelling]
        $command a=$values
        :set done true
      } do={ :set errors ($errors . " [" . $e . "]") }
    }
  }
  :if ($done) do={ :return "" }
  :return $errors
}

# True when the named container runs (a running flag on newer RouterOS,
# status=running on older).
:local isRunning do={
  :local name $1
  :local found 0
  :onerror e in={
    :local query [:parse ":return [/container/find where name=\$n and running]"]
    :set found [:len [$query n=$name]]
  } do={
    :onerror e2 in={
      :local query [:parse ":return [/container/find where name=\$n and status=\"running\"]"]
      :set found [:len [$query n=$name]]
    } do={ :set found 0 }
  }
  :return ($found > 0)
}

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
:local mountFound false
:foreach m in=[/container/mounts/print as-value] do={
  :if ((($m->"src") = $stateSrc) && (($m->"dst") = $stateDst)) do={ :set mountFound true }
}
:if (!$mountFound) do={
  :local mountSpellings {"/container/mounts/add list=(\$a->\"list\") src=(\$a->\"src\") dst=(\$a->\"dst\")"; "/container/mounts/add name=(\$a->\"list\") src=(\$a->\"src\") dst=(\$a->\"dst\")"}
  :local mountValues {list=$cMountList; src=$stateSrc; dst=$stateDst}
  :local failed [$runFirst $mountSpellings $mountValues]
  :if ([:len $failed] > 0) do={ :error "$scriptName: could not add mount $cMountList:$failed" }
  :log info "$scriptName: added mount $cMountList ($stateSrc -> $stateDst)"
}

# --- 4. environment for an unattended start ---------------------------------------------
:local tsEnv [:toarray ""]
:set ($tsEnv->"TS_AUTHKEY") $tsAuthKey
:set ($tsEnv->"TS_HOSTNAME") $tsHostname
:set ($tsEnv->"TS_ROUTES") $tsRoutes
:set ($tsEnv->"TS_EXTRA_ARGS") $tsExtraArgs
:set ($tsEnv->"TS_LOGIN_SERVER") $tsLoginServer
:local envCount 0
:foreach key,value in=$tsEnv do={
  :if ([:len $value] > 0) do={
    :set envCount ($envCount + 1)
    :local existing ""
    :foreach entry in=[/container/envs/print as-value where key=$key] do={
      :if ((($entry->"list") = $cEnvList) || (($entry->"name") = $cEnvList)) do={ :set existing ($entry->".id") }
    }
    :if ([:len $existing] > 0) do={
      /container/envs/set $existing value=$value
    } else={
      :local envSpellings {"/container/envs/add list=(\$a->\"list\") key=(\$a->\"key\") value=(\$a->\"value\")"; "/container/envs/add name=(\$a->\"list\") key=(\$a->\"key\") value=(\$a->\"value\")"}
      :local envValues {list=$cEnvList; key=$key; value=$value}
      :local failed [$runFirst $envSpellings $envValues]
      :if ([:len $failed] > 0) do={ :error "$scriptName: could not add $key to $cEnvList:$failed" }
    }
  }
}

# --- 5. the container --------------------------------------------------------------
:if ([:len [/container/find where name=$cName]] > 0) do={
  :log info "$scriptName: container $cName exists; update-tailscale.rsc replaces it when a new image is published"
} else={
  :local lists {"mountlists=(\$a->\"mounts\")"; "mounts=(\$a->\"mounts\")"}
  :if ($envCount > 0) do={
    :set lists {"mountlists=(\$a->\"mounts\") envlists=(\$a->\"envs\")"; "mountlists=(\$a->\"mounts\") envlist=(\$a->\"envs\")"; "mounts=(\$a->\"mounts\") envlist=(\$a->\"envs\")"}
  }
  :local newer ""
  :if ($rosNum >= 723) do={
    :if ([:len $cRestartPolicy] > 0) do={ :set newer ($newer . " restart-policy=(\$a->\"policy\")") }
    :if ($cIgnoreRemoteChange = "yes") do={ :set newer ($newer . " ignore-remote-image-change=yes") }
  }
  :local common "/container/add remote-image=(\$a->\"image\") interface=(\$a->\"veth\") root-dir=(\$a->\"root\") logging=(\$a->\"logging\") start-on-boot=(\$a->\"boot\") name=(\$a->\"name\")"
  :local spellings [:toarray ""]
  :foreach l in=$lists do={ :set spellings ($spellings, ($common . " " . $l . $newer)) }
  :local settings {image=$imageRef; veth=$cVeth; root=$cRootDir; logging=$cLogging; boot=$cStartOnBoot; name=$cName; mounts=$cMountList; envs=$cEnvList; policy=$cRestartPolicy}
  :local failed [$runFirst $spellings $settings]
  :if ([:len $failed] > 0) do={ :error "$scriptName: could not add container $cName:$failed" }
  :log info "$scriptName: added $cName from $imageRef; it downloads and extracts now"
  # Tells update-tailscale.rsc that the running image is the current :stable.
  :local stateIds [/file/find where name=$stateFile]
  :if ([:len $stateIds] > 0) do={
    /file/set ($stateIds->0) contents="deployed"
  } else={
    /file/add name=$stateFile contents="deployed"
  }
  :local newIds [/container/find where name=$cName]
  # start fails while the image is still downloading or extracting.
  :onerror e in={
    :retry command={ /container/start $newIds } delay=5 max=($startTimeout / 5)
  } do={ :log warning "$scriptName: start of $cName kept failing: $e" }
}

:local running false
:local waited 0
:while (!$running && $waited < 30) do={
  :set running [$isRunning $cName]
  :if (!$running) do={
    :delay 1s
    :set waited ($waited + 1)
  }
}
:if ($running) do={
  :log info "$scriptName: $cName runs; log in with /container/shell $cName and tailscale up, unless TS_AUTHKEY is set"
} else={
  :log warning "$scriptName: $cName is not running yet; see /log/print where topics~\"container\""
}
