# The update script as it was before issue 18 (kept to show the checker finds its defects).
# mikrotik-tailscale: keep the Tailscale container on the newest :stable image
#
# Every run asks the registry for the digest of :stable (a HEAD request: headers
# only, no manifest body) and compares it with the digest recorded after the
# last successful update. Same digest: nothing is pulled or written. New digest:
# check free flash, replace the container by one made from the new image with
# the same settings, wait until it runs, and only then record the new digest.
#
# RouterOS 7.13 or newer with the container package (7.13 brought :onerror and
# :deserialize). Options RouterOS 7.23 added (restart policy,
# ignore-remote-image-change) are set only where the router has them.
# RouterOS 7.22+ also has /container/repull; this script removes and adds
# instead, which works on every supported version and frees the old image's
# flash before the new one is extracted.
#
# Install (after uploading this file to the router's Files):
#   /system/script/add name=update-tailscale source=[/file/get update-tailscale.rsc contents]
#   /system/scheduler/add name=update-tailscale interval=1d on-event="/system/script/run update-tailscale"
# It has to be a named script: the scheduler runs it by that name, and a run
# finds out by that name whether an earlier one is still busy. Running the
# file once by hand creates no script and so nothing the scheduler can call.
# After uploading a newer version of the file:
#   /system/script/set [find name=update-tailscale] source=[/file/get update-tailscale.rsc contents]

# --- CONFIG --------------------------------------------------------------------
# The name this script is installed under (see above).
:local scriptName "update-tailscale"
# Registry and image; the build fills these in (image-project/target/routeros/).
:local registryHost "@registry.host@"
:local repository "@image.repository@"
:local imageTag "stable"
:local imageRef "@image.reference@"
# The one Accept value sent (RouterOS sends a single value): the media type the
# release publishes :stable as, a Docker manifest list.
:local manifestType "@image.index.mediaType@"
# "https", or "http" for a registry on a trusted network.
:local registryScheme "https"
# Anonymous token endpoint, with at most one query parameter: a second one needs
# an ampersand, and that breaks the url= of /tool fetch. Empty: try without a
# token, then the usual endpoints <host>/v2/token (Gitea, Forgejo) and
# <host>/token (GHCR), each with only ?scope=.
:local tokenUrl ""
# "yes" once the router trusts the registry's certificate authority.
:local checkCertificate "no"
# The digest of the image the container runs, kept between runs (one small file).
:local stateFile "tailscale-image.digest"
# Bytes the system disk must have free before the old container is removed.
# Removing it gives its own space back first, so this is the room for growth.
:local minFreeBytes 2097152
# Seconds the new image may take to download, extract and start.
:local startTimeout 300
# The container exactly as deploy-tailscale.rsc creates it.
:local cName "@routeros.container.name@"
:local cVeth "veth-tailscale"
:local cRootDir "tailscale/root"
:local cMountList "tailscale_state"
# Attached only when it holds entries (deploy-tailscale.rsc adds it for TS_* settings).
:local cEnvList "tailscale_env"
:local cLogging "yes"
:local cStartOnBoot "yes"
# RouterOS 7.23+: restart policy ("" keeps RouterOS' default).
:local cRestartPolicy "on-failure"
# RouterOS 7.23+: "yes" keeps RouterOS from pulling the image by itself, so
# only this script (with its free-space check) replaces it.
:local cIgnoreRemoteChange "yes"
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
# An @ ("\40") left in the registry host means CONFIG was never filled in.
:if ([:typeof [:find $registryHost "\40"]] = "num") do={
  :log error "$scriptName: fill in CONFIG (registry host, repository, image) first"
  :error "CONFIG not filled in"
}

# --- helpers ---------------------------------------------------------------------
# HEAD of a manifest; returns its Docker-Content-Digest or "". RouterOS hands
# all response headers over as one "Name: value;Name: value" string, and the
# name's case depends on the server (HTTP/2 sends lower case), so the string
# is lower-cased before searching.
:local readDigest do={
  :local url $1
  :local headers $2
  :local checkCert $3
  :local reply [/tool/fetch url=$url http-method=head http-header-field=$headers check-certificate=$checkCert output=user-with-headers as-value]
  :local digest ""
  :if (($reply->"status") = "finished") do={
    :local raw ($reply->"http-headers")
    :local upper "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    :local lower "abcdefghijklmnopqrstuvwxyz"
    :local text ""
    :if ([:len $raw] > 0) do={
      :for i from=0 to=([:len $raw] - 1) do={
        :local ch [:pick $raw $i]
        :local letter [:find $upper $ch]
        :if ([:typeof $letter] = "num") do={ :set ch [:pick $lower $letter] }
        :set text ($text . $ch)
      }
    }
    :local key "docker-content-digest:"
    :local at [:find $text $key]
    :if ([:typeof $at] = "num") do={
      :local rest [:pick $text ($at + [:len $key]) [:len $text]]
      :while ([:pick $rest 0] = " ") do={ :set rest [:pick $rest 1 [:len $rest]] }
      :local end [:find $rest ";"]
      :if ([:typeof $end] != "num") do={ :set end [:len $rest] }
      :set digest [:pick $rest 0 $end]
    }
  }
  # sha256: and 64 hex digits, nothing else
  :if ([:len $digest] != 71 || [:pick $digest 0 7] != "sha256:") do={ :set digest "" }
  :return $digest
}

# GET of a token endpoint; returns the bearer token from its JSON or "".
:local fetchToken do={
  :local url $1
  :local checkCert $2
  :local reply [/tool/fetch url=$url check-certificate=$checkCert output=user as-value]
  :local token ""
  :if (($reply->"status") = "finished") do={
    :local body [:deserialize from=json value=($reply->"data")]
    :set token ($body->"token")
    :if ([:typeof $token] != "str") do={ :set token ($body->"access_token") }
  }
  :if ([:typeof $token] != "str") do={ :set token "" }
  :return $token
}

# True when the named container runs. Newer RouterOS marks it with a running
# flag, older ones with status=running; :parse lets each spelling fail alone.
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

# Writes the digest file, creating it the first time.
:local recordDigest do={
  :local file $1
  :local value $2
  :local ids [/file/find where name=$file]
  :if ([:len $ids] > 0) do={
    /file/set ($ids->0) contents=$value
  } else={
    /file/add name=$file contents=$value
  }
}

:local proceed true

# --- one run at a time -------------------------------------------------------------
# A slow download can outlast the schedule interval; this run then leaves.
:if ([:len [/system/script/job/find where script=$scriptName]] > 1) do={
  :log warning "$scriptName: an earlier run is still busy; this one stops"
  :set proceed false
}

# --- 1. the digest of :stable in the registry --------------------------------------
:local newDigest ""
:local lastError ""
:if ($proceed) do={
  :local base ($registryScheme . "://" . $registryHost)
  :local manifestUrl ($base . "/v2/" . $repository . "/manifests/" . $imageTag)
  :local candidates [:toarray ""]
  :if ([:len $tokenUrl] > 0) do={
    :set candidates ($candidates, $tokenUrl)
  } else={
    # Registries that serve anonymous pulls openly answer without a token.
    :onerror e in={
      :set newDigest [$readDigest $manifestUrl ("Accept:" . $manifestType) $checkCertificate]
    } do={ :set lastError $e }
    :local scope ("?scope=repository:" . $repository . ":pull")
    :set candidates ($candidates, ($base . "/v2/token" . $scope))
    :set candidates ($candidates, ($base . "/token" . $scope))
  }
  :foreach candidate in=$candidates do={
    :if ([:len $newDigest] = 0) do={
      :if ([:typeof [:find $candidate "\26"]] = "num") do={
        :set lastError "the token URL has a second query parameter; keep only scope="
      } else={
        :onerror e in={
          :local token [$fetchToken $candidate $checkCertificate]
          :if ([:len $token] > 0) do={
            :set newDigest [$readDigest $manifestUrl ("Accept:" . $manifestType . ",Authorization:Bearer " . $token) $checkCertificate]
          }
        } do={ :set lastError $e }
      }
    }
  }
  :if ([:len $newDigest] = 0) do={
    :log error "$scriptName: could not read the digest of $imageRef: $lastError"
    :set proceed false
  }
}

# --- 2. compare with the recorded digest --------------------------------------------
:local oldDigest ""
:if ($proceed) do={
  :local ids [/file/find where name=$stateFile]
  :if ([:len $ids] > 0) do={ :set oldDigest [/file/get ($ids->0) contents] }
  :if ($oldDigest = $newDigest) do={
    :log info "$scriptName: $imageRef unchanged at $newDigest"
    :set proceed false
  }
}
# deploy-tailscale.rsc writes "deployed" after creating the container from
# :stable; the first run then records what runs instead of pulling it again.
:if ($proceed && ($oldDigest = "deployed")) do={
  :if ([$isRunning $cName]) do={
    $recordDigest $stateFile $newDigest
    :log info "$scriptName: recorded $newDigest for the freshly deployed $cName"
    :set proceed false
  }
}

# --- 3. room on flash ------------------------------------------------------------
:if ($proceed) do={
  :local free [/system/resource/get free-hdd-space]
  :if ($free < $minFreeBytes) do={
    :log error "$scriptName: $free bytes free, $minFreeBytes needed; not updating to $newDigest (free flash or lower minFreeBytes)"
    :set proceed false
  }
}

# --- 4. remove the old container ------------------------------------------------------
:if ($proceed) do={
  :local oldIds [/container/find where name=$cName]
  :if ([:len $oldIds] > 0) do={
    :log info "$scriptName: replacing $cName ($oldDigest -> $newDigest)"
    # Stopping a stopped container fails; that is fine here.
    :onerror e in={ /container/stop $oldIds } do={ :log debug "$scriptName: stop: $e" }
    # remove fails until the container has stopped, so it is retried.
    :onerror e in={
      :retry command={ /container/remove $oldIds } delay=2 max=30
    } do={
      :log error "$scriptName: could not remove $cName: $e"
      :set proceed false
    }
  }
}
# remove returns before the container is gone; add would clash with the name.
:if ($proceed) do={
  :local waited 0
  :while ([:len [/container/find where name=$cName]] > 0 && $waited < 60) do={
    :delay 1s
    :set waited ($waited + 1)
  }
  :if ([:len [/container/find where name=$cName]] > 0) do={
    :log error "$scriptName: $cName is still there 60 s after remove"
    :set proceed false
  }
}

# --- 5. add the new container with the same settings ------------------------------------
:if ($proceed) do={
  :local envListInUse false
  :if ([:len $cEnvList] > 0) do={
    :foreach entry in=[/container/envs/print as-value] do={
      :if ((($entry->"list") = $cEnvList) || (($entry->"name") = $cEnvList)) do={ :set envListInUse true }
    }
  }
  # The names of the mount and env list options changed around 7.20/7.21; every
  # spelling is parsed at run time and the first one this router accepts is used.
  :local spellings {"mountlists=(\$a->\"mounts\") envlists=(\$a->\"envs\")"; "mountlists=(\$a->\"mounts\") envlist=(\$a->\"envs\")"; "mounts=(\$a->\"mounts\") envlist=(\$a->\"envs\")"}
  :if (!$envListInUse) do={ :set spellings {"mountlists=(\$a->\"mounts\")"; "mounts=(\$a->\"mounts\")"} }
  :local common "/container/add remote-image=(\$a->\"image\") interface=(\$a->\"veth\") root-dir=(\$a->\"root\") logging=(\$a->\"logging\") start-on-boot=(\$a->\"boot\") name=(\$a->\"name\")"
  :local newer ""
  :if ($rosNum >= 723) do={
    :if ([:len $cRestartPolicy] > 0) do={ :set newer ($newer . " restart-policy=(\$a->\"policy\")") }
    :if ($cIgnoreRemoteChange = "yes") do={ :set newer ($newer . " ignore-remote-image-change=yes") }
  }
  :local settings {image=$imageRef; veth=$cVeth; root=$cRootDir; logging=$cLogging; boot=$cStartOnBoot; name=$cName; mounts=$cMountList; envs=$cEnvList; policy=$cRestartPolicy}
  :local added false
  :local addErrors ""
  :foreach spelling in=$spellings do={
    :if (!$added) do={
      :onerror e in={
        :local addCommand [:parse ($common . " " . $spelling . $newer)]
        $addCommand a=$settings
        :set added true
      } do={ :set addErrors ($addErrors . " [" . $e . "]") }
    }
  }
  :if ($added) do={
    :log info "$scriptName: added $cName from $imageRef; it downloads and extracts now"
  } else={
    :log error "$scriptName: could not add $cName from $imageRef:$addErrors"
    :set proceed false
  }
}

# --- 6. start it, and record the digest once it runs ------------------------------------
:if ($proceed) do={
  :local newIds [/container/find where name=$cName]
  # start fails while the image is still downloading or extracting.
  :onerror e in={
    :retry command={ /container/start $newIds } delay=5 max=($startTimeout / 5)
  } do={ :log warning "$scriptName: start of $cName kept failing: $e" }
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
    $recordDigest $stateFile $newDigest
    :log info "$scriptName: $cName runs $imageRef at $newDigest"
  } else={
    :log error "$scriptName: $cName does not run; $newDigest is not recorded, so the next run tries again"
  }
}
