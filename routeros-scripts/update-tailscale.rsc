# mikrotik-tailscale: keep the Tailscale container on the release its tag points at
#
# Every run GETs the manifest list the followed tag (":stable" unless deployed
# otherwise) points at: one small JSON document holding, for this router's
# platform, the image's digest, the immutable release tag and the bytes the
# image stores once extracted. Same digest as the running one: nothing is
# pulled or written. A new one: the image is pulled by that immutable
# reference, never by the moving tag, and the old container is kept until the
# new one runs:
# - both fit on flash: the new container is added beside the old one, the old
#   one stopped (they share the state mount), the new one started; once it runs
#   and stays up the old one is removed and the new one takes over its name;
# - only one fits: the old one is replaced in place; if the new one fails the
#   previous release is added again;
# - the new one does not run: the old one is started again and the failed
#   digest recorded, so later runs skip it until a different release appears;
# - the registry cannot be reached: nothing changes.
# One log line says which path was taken. Also creates the container on the
# first run (deploy-tailscale.rsc runs this script for that).
#
# RouterOS 7.21 or newer (all version gates are in the "RouterOS requirements"
# block below), the container package, and device mode allowing container and
# fetch (scheduler too, to run it daily).
#
# Install (after uploading this file to the router's Files):
#   /system/script/add name=update-tailscale source=[/file/get update-tailscale.rsc contents]
#   /system/scheduler/add name=update-tailscale interval=1d on-event="/system/script/run update-tailscale"
# It has to be a named script: the scheduler runs it by that name, and a run
# finds out by that name whether an earlier one is still busy.
# After uploading a newer version of the file:
#   /system/script/set [find name=update-tailscale] source=[/file/get update-tailscale.rsc contents]

# --- CONFIG --------------------------------------------------------------------
# The name this script is installed under (see above).
:local scriptName "update-tailscale"
# Registry and repository; the build fills these in (image-project/target/routeros/).
:local registryHost "@registry.host@"
:local repository "@image.repository@"
# The tag to follow. Empty: the one deploy-tailscale.rsc recorded (":stable"
# unless it was deployed with another, such as a release tag to stay on).
:local followTag ""
# The one Accept value sent (RouterOS sends a single value): the media type the
# release publishes its tags as, a Docker manifest list.
:local manifestType "@image.index.mediaType@"
# 32-bit ARM routers: "v7", or "v5" on the ARMv5 ones (EcoNet EN7562CT: hEX refresh, hAP ax S),
# whose CPU stops a v7 image with "Illegal instruction : CPU not supported". RouterOS calls
# both "arm", so this script cannot tell them apart by itself.
:local armVariant "v7"
# "https", or "http" for a registry on a trusted network.
:local registryScheme "https"
# Anonymous token endpoint, with at most one query parameter: a second one needs
# an ampersand, and that breaks the url= of /tool fetch. Empty: try without a
# token, then the usual endpoints <host>/v2/token (Gitea, Forgejo) and
# <host>/token (GHCR), each with only ?scope=.
:local tokenUrl ""
# "yes" (or "yes-without-crl") checks the registry's certificate against the
# router's trust anchors. "no" lets anyone on the path choose what the router
# runs; it is logged as a warning on every run.
:local checkCertificate "yes"
# "yes" pulls repository@sha256:... (the exact digest); "no" pulls the
# immutable release tag the registry lists with it. See USAGE.md on which one
# your RouterOS accepts.
:local pullByDigest "no"
# What this script knows between runs (one small JSON file, on flash).
:local stateFile "tailscale-update.json"
# Free flash needed beyond the image's published size: a share of it (block
# rounding, metadata) plus a fixed reserve for the router itself.
:local marginPercent 25
:local marginBytes 1048576
# Assumed image size when the registry publishes none.
:local fallbackBytes 8388608
# Seconds the new image may take to download and extract, and to start.
:local startTimeout 300
# Seconds the new container must keep running before the old one is removed.
:local settleSeconds 30
# The container exactly as deploy-tailscale.rsc prepares it.
:local cName "@routeros.container.name@"
:local cVeth "veth-tailscale"
:local cRootDir "tailscale/root"
:local cMountList "tailscale_state"
:local cEnvList "tailscale_env"
:local cLogging "yes"
:local cStartOnBoot "yes"
# The image's entrypoint and command, set explicitly: RouterOS 7.22+ has been
# seen refusing some FROM-scratch images without them ("no command specified").
:local cEntrypoint "/usr/local/bin/entrypoint.sh"
:local cCmd "--no-logs-no-support --state=/var/lib/tailscale/tailscaled.state --socket=/var/run/tailscale/tailscaled.sock --statedir=/var/lib/tailscale"
# RouterOS 7.23+: restart policy ("" keeps RouterOS' default).
:local cRestartPolicy "on-failure"
# RouterOS 7.23+: "yes" keeps RouterOS from pulling the image by itself, so
# only this script (with its size check) replaces it.
:local cIgnoreRemoteChange "yes"
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
# 7.23: restart-policy and ignore-remote-image-change.
:local hasRestartPolicy ($rosNum >= 723)
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
      :log warning "$scriptName: device mode has scheduler=$allowed: the daily run cannot start; /system/device-mode/update scheduler=yes"
    } else={
      :log error "$scriptName: device mode has $feature=$allowed; enable it with /system/device-mode/update $feature=yes (then press the reset button or power-cycle to confirm)"
      :error "device mode forbids $feature"
    }
  } }
}
:if ([:typeof [:find $registryHost "\40"]] = "num") do={
  :log error "$scriptName: fill in CONFIG (registry host, repository, container name) first"
  :error "CONFIG not filled in"
}

# --- where things are kept ------------------------------------------------------------
# Devices with a flash folder keep everything outside it in RAM: state, image
# and this script's record must live under flash/ there.
:local flashDir ""
:if ([:len [/file/find where name="flash"]] > 0) do={ :set flashDir "flash/" }
:local statePath ($flashDir . $stateFile)
:local rootBase ($flashDir . $cRootDir)
:if ($checkCertificate = "no" && $registryScheme = "https") do={
  :log warning "$scriptName: checkCertificate is \"no\": the registry's answer is not authenticated, so anyone on the path can choose what this router runs"
}
# Credentials in /container/config are sent to whatever registry a pull goes
# to; meant for another registry, they can make this one answer "auth error".
:onerror e in={
  :if ([:len [/container/config/get username]] > 0) do={
    :log warning "$scriptName: /container/config has a username set; if pulls from $registryHost fail with an auth error, clear it (/container/config/set username=\"\" password=\"\")"
  }
} do={ :log debug "$scriptName: no registry credentials setting: $e" }

# --- helpers ---------------------------------------------------------------------
# GET of a token endpoint; returns the bearer token from its JSON or "".
:local fetchToken do={
  :local reply [/tool/fetch url=$1 check-certificate=$2 output=user as-value]
  :local token ""
  :if (($reply->"status") = "finished") do={
    :local body [:deserialize from=json value=($reply->"data")]
    :set token ($body->"token")
    :if ([:typeof $token] != "str") do={ :set token ($body->"access_token") }
  }
  :if ([:typeof $token] != "str") do={ :set token "" }
  :return $token
}

# GET of the manifest list (1-2 kB); returns its body or "". $2 holds the
# header fields, comma-separated.
:local fetchList do={
  :local reply [/tool/fetch url=$1 http-header-field=$2 check-certificate=$3 output=user as-value]
  :if (($reply->"status") = "finished") do={ :return ($reply->"data") }
  :return ""
}

# The list entry for architecture $2 (variant $3, "" for any): an array with
# digest, version (the release tag) and bytes (0 when not published).
:local readEntry do={
  :local list [:deserialize from=json value=$1]
  :local found [:toarray ""]
  :foreach candidate in=($list->"manifests") do={
    :local platform ($candidate->"platform")
    :local variant [:tostr ($platform->"variant")]
    :if ([:len $found] = 0 && ($platform->"architecture") = $2 && ([:len $3] = 0 || $variant = $3)) do={
      :local notes ($candidate->"annotations")
      :set ($found->"digest") [:tostr ($candidate->"digest")]
      :set ($found->"version") [:tostr ($notes->"org.opencontainers.image.version")]
      :set ($found->"bytes") [:tonum ($notes->"io.github.mikrotiktailscale.stored-bytes")]
    }
  }
  :return $found
}

# Polls container $1 once a second for up to $3 seconds until it is in state
# $2; returns the last state seen: running, stopped, busy (downloading,
# extracting, starting), error or gone. Each way RouterOS may report it (the
# running and stopped flags, a status text) is read on its own, so one this
# version lacks does not hide the others.
:local awaitState do={
  :local cid $1
  :local wanted $2
  :local seconds $3
  :local state ""
  :local waited 0
  :while ($state != $wanted && $waited <= $seconds) do={
    :local present true
    :onerror e in={ /container/get $cid interface } do={ :set present false }
    :if ($present) do={
      :local isUp ""
      :local isDown ""
      :local status ""
      :onerror e in={ :set isUp [:tostr [/container/get $cid running]] } do={ :set isUp "" }
      :onerror e in={ :set isDown [:tostr [/container/get $cid stopped]] } do={ :set isDown "" }
      :onerror e in={ :set status [:tostr [/container/get $cid status]] } do={ :set status "" }
      :set state "busy"
      :if ($status = "error") do={ :set state "error" }
      :if ($status = "stopped" || $isDown = "true") do={ :set state "stopped" }
      :if ($status = "running" || $isUp = "true") do={ :set state "running" }
    } else={ :set state "gone" }
    :if ($state != $wanted) do={
      :if ($state = "gone" || $state = "error" || $waited >= $seconds) do={
        :set waited ($seconds + 1)
      } else={
        :delay 1s
        :set waited ($waited + 1)
      }
    }
  }
  :return $state
}

# Writes this script's record (a JSON object), creating the file the first time.
:local writeState do={
  :local text [:serialize to=json value=$2]
  :local ids [/file/find where name=$1]
  :if ([:len $ids] > 0) do={
    /file/set ($ids->0) contents=$text
  } else={
    /file/add name=$1 contents=$text
  }
}

# Adds a container from the settings in $1; returns its id. Parsed at run time
# because the 7.23 options would keep older versions from loading the script.
:local addContainer do={
  :local s $1
  :local command "/container/add remote-image=(\$a->\"ref\") name=(\$a->\"name\") interface=(\$a->\"veth\") root-dir=(\$a->\"root\") mountlists=(\$a->\"mounts\") envlists=(\$a->\"envs\") logging=(\$a->\"logging\") start-on-boot=(\$a->\"boot\") entrypoint=(\$a->\"entrypoint\") cmd=(\$a->\"cmd\")"
  :if (($s->"newer") = true) do={
    :if ([:len ($s->"policy")] > 0) do={ :set command ($command . " restart-policy=(\$a->\"policy\")") }
    :if (($s->"ignoreRemote") = "yes") do={ :set command ($command . " ignore-remote-image-change=yes") }
  }
  :local add [:parse $command]
  $add a=$s
  :return [/container/find where name=($s->"name")]
}

:local proceed true

# --- one run at a time -------------------------------------------------------------
# A slow download can outlast the schedule interval; this run then leaves.
:if ([:len [/system/script/job/find where script=$scriptName]] > 1) do={
  :log warning "$scriptName: an earlier run is still busy; this one stops"
  :set proceed false
}

# --- 1. what this router runs ------------------------------------------------------
:local record [:toarray ""]
:local recordIds [/file/find where name=$statePath]
:if ([:len $recordIds] > 0) do={
  :onerror e in={ :set record [:deserialize from=json value=[/file/get ($recordIds->0) contents]] } do={
    :log warning "$scriptName: $statePath is unreadable ($e); treating the running image as unknown"
  }
}
:local follow $followTag
:if ([:len $follow] = 0) do={ :set follow [:tostr ($record->"follow")] }
:if ([:len $follow] = 0) do={ :set follow "stable" }
:local oldDigest [:tostr ($record->"digest")]
:local oldRef [:tostr ($record->"ref")]
:local oldBytes [:tonum ($record->"bytes")]
:if ([:typeof $oldBytes] != "num") do={ :set oldBytes 0 }
:local failedDigest [:tostr ($record->"failed")]
:local oldIds [/container/find where name=$cName]
:local nextName ($cName . "-next")
:if ($proceed && [:len [/container/find where name=$nextName]] > 0) do={
  :log error "$scriptName: $nextName is left from an interrupted update; check it (/container/print) and remove it by hand, then run again"
  :set proceed false
}

# --- 2. the release the followed tag points at --------------------------------------
:local arch [/system/resource/get architecture-name]
:local wantArch ""
:local wantVariant ""
:if ($arch = "arm64") do={ :set wantArch "arm64" }
:if ($arch = "arm") do={
  :set wantArch "arm"
  :set wantVariant $armVariant
}
:if ($arch = "x86") do={ :set wantArch "amd64" }
:if ($proceed && [:len $wantArch] = 0) do={
  :log error "$scriptName: the image has no build for architecture $arch (arm64, arm and x86 only)"
  :set proceed false
}
:local newDigest ""
:local newRef ""
:local newBytes 0
:if ($proceed) do={
  :local base ($registryScheme . "://" . $registryHost)
  :local manifestUrl ($base . "/v2/" . $repository . "/manifests/" . $follow)
  :local accept ("Accept: " . $manifestType)
  :local body ""
  :local lastError ""
  :local candidates [:toarray ""]
  :if ([:len $tokenUrl] > 0) do={
    :set candidates ($candidates, $tokenUrl)
  } else={
    # Registries that serve anonymous pulls openly answer without a token.
    :onerror e in={ :set body [$fetchList $manifestUrl $accept $checkCertificate] } do={ :set lastError $e }
    :local scope ("?scope=repository:" . $repository . ":pull")
    :set candidates ($candidates, ($base . "/v2/token" . $scope))
    :set candidates ($candidates, ($base . "/token" . $scope))
  }
  :foreach candidate in=$candidates do={
    :if ([:len $body] = 0) do={
      :if ([:typeof [:find $candidate "\26"]] = "num") do={
        :set lastError "the token URL has a second query parameter; keep only scope="
      } else={
        :onerror e in={
          :local token [$fetchToken $candidate $checkCertificate]
          :if ([:len $token] > 0) do={
            :set body [$fetchList $manifestUrl ($accept . ",Authorization: Bearer " . $token) $checkCertificate]
          }
        } do={ :set lastError $e }
      }
    }
  }
  :if ([:len $body] = 0) do={
    :log warning "$scriptName: registry unreachable or refused ($lastError); nothing changes, $cName keeps running $oldRef; the next run tries again (certificate errors: see USAGE.md on trust anchors)"
    :set proceed false
  } else={
    :local entry [:toarray ""]
    :onerror e in={ :set entry [$readEntry $body $wantArch $wantVariant] } do={ :set lastError $e }
    :set newDigest [:tostr ($entry->"digest")]
    :local version [:tostr ($entry->"version")]
    :set newBytes [:tonum ($entry->"bytes")]
    :if ([:typeof $newBytes] != "num") do={ :set newBytes 0 }
    :if ([:len $newDigest] != 71 || [:pick $newDigest 0 7] != "sha256:") do={
      :log error "$scriptName: :$follow lists no $wantArch$wantVariant image in the expected form $lastError; nothing changes"
      :set proceed false
    } else={
      :if ($pullByDigest = "yes") do={
        :set newRef ($registryHost . "/" . $repository . "@" . $newDigest)
      } else={
        :if ([:len $version] = 0 || [:typeof [:find $version " "]] = "num" || [:typeof [:find $version "/"]] = "num") do={
          :log error "$scriptName: the registry lists no release tag for :$follow; not pulling a tag that moves (set pullByDigest \"yes\" if this RouterOS pulls by digest)"
          :set proceed false
        } else={ :set newRef ($registryHost . "/" . $repository . ":" . $version) }
      }
    }
  }
}

# --- 3. compare, and decide how to switch --------------------------------------------
:local path ""
:if ($proceed) do={
  :if ($newDigest = $oldDigest && [:len $oldIds] > 0) do={
    :log info "$scriptName: :$follow unchanged at $newRef ($newDigest)"
    :set proceed false
  }
}
:if ($proceed && $newDigest = $failedDigest) do={
  :log info "$scriptName: $newRef ($newDigest) failed to run here before; skipped until :$follow points at a different release"
  :set proceed false
}
:if ($proceed) do={
  :local need $fallbackBytes
  :if ($newBytes > 0) do={
    :set need ($newBytes + ($newBytes * $marginPercent / 100) + $marginBytes)
  } else={
    :log warning "$scriptName: the registry publishes no size for $newRef; assuming $fallbackBytes bytes"
  }
  :local free [/system/resource/get free-hdd-space]
  :if ([:len $oldIds] = 0) do={
    :if ($free >= $need) do={ :set path "fresh" }
  } else={
    :if ($free >= $need) do={
      :set path "beside"
    } else={
      :if ($oldBytes > 0 && [:len $oldRef] > 0 && ($free + $oldBytes) >= $need) do={ :set path "inplace" }
    }
  }
  :if ([:len $path] = 0) do={
    :log error "$scriptName: not enough flash for $newRef: $free bytes free, $need needed (image $newBytes + margin); $cName keeps running $oldRef; free flash, then run again"
    :set proceed false
  }
}
:local newRoot ($rootBase . "-" . [:pick $newDigest 7 19])
:local settings {veth=$cVeth; mounts=$cMountList; envs=$cEnvList; logging=$cLogging; boot=$cStartOnBoot; entrypoint=$cEntrypoint; cmd=$cCmd; policy=$cRestartPolicy; ignoreRemote=$cIgnoreRemoteChange; newer=$hasRestartPolicy}
:local newRecord {follow=$follow; digest=$newDigest; ref=$newRef; bytes=$newBytes; failed=""}
:local failedRecord {follow=$follow; digest=$oldDigest; ref=$oldRef; bytes=$oldBytes; failed=$newDigest}

# --- 4a. first install, or both fit: the new container beside the old one ------------------
:if ($proceed && ($path = "fresh" || $path = "beside")) do={
  :local newName $nextName
  :if ($path = "fresh") do={ :set newName $cName }
  :set ($settings->"name") $newName
  :set ($settings->"ref") $newRef
  :set ($settings->"root") $newRoot
  :local newIds [:toarray ""]
  :onerror e in={ :set newIds [$addContainer $settings] } do={ :log error "$scriptName: could not add $newName from $newRef: $e" }
  :local ok false
  :if ([:len $newIds] > 0) do={
    # Download and extraction run while the old container keeps running.
    :local extracted [$awaitState ($newIds->0) "stopped" $startTimeout]
    :if ($extracted = "stopped") do={
      :if ($path = "beside") do={
        :onerror e in={ /container/stop $oldIds } do={ :log debug "$scriptName: stop: $e" }
        :local oldState [$awaitState ($oldIds->0) "stopped" 60]
      }
      :onerror e in={
        :retry command={ /container/start $newIds } delay=5 max=($startTimeout / 5)
      } do={ :log warning "$scriptName: start of $newName kept failing: $e" }
      :if ([$awaitState ($newIds->0) "running" $startTimeout] = "running") do={
        :delay ([:totime $settleSeconds])
        :set ok ([$awaitState ($newIds->0) "running" 0] = "running")
      }
    }
  }
  :if ($ok) do={
    :if ($path = "beside") do={
      :onerror e in={
        :retry command={ /container/remove $oldIds } delay=2 max=30
      } do={ :log warning "$scriptName: could not remove the old $cName: $e" }
      :if ([$awaitState ($oldIds->0) "gone" 60] = "gone") do={
        /container/set $newIds name=$cName
      } else={ :log warning "$scriptName: the old $cName is still there; the new one runs as $newName" }
    }
    $writeState $statePath $newRecord
    :log info "$scriptName: $cName runs $newRef ($newDigest), $path the previous one ($oldRef)"
  } else={
    :if ([:len $newIds] > 0) do={
      :onerror e in={ /container/stop $newIds } do={ :log debug "$scriptName: stop: $e" }
      :local newState [$awaitState ($newIds->0) "stopped" 60]
    }
    :if ($path = "beside") do={
      :onerror e in={
        :retry command={ /container/start $oldIds } delay=5 max=12
      } do={ :log error "$scriptName: could not start the old $cName again: $e" }
    }
    :if ([:len $newIds] > 0) do={
      :onerror e in={
        :retry command={ /container/remove $newIds } delay=2 max=30
      } do={ :log warning "$scriptName: could not remove $newName: $e" }
    }
    $writeState $statePath $failedRecord
    :if ($path = "beside") do={
      :log error "$scriptName: $newRef ($newDigest) did not run and stay up; rolled back, $cName runs $oldRef again; this digest is skipped until a different release appears"
    } else={
      :log error "$scriptName: $newRef ($newDigest) did not run and stay up; removed again; this digest is skipped until a different release appears (see /log/print where topics~\"container\")"
    }
  }
}

# --- 4b. only one fits: replace in place, re-add the previous release on failure ----------
:if ($proceed && $path = "inplace") do={
  :log warning "$scriptName: flash holds only one image: replacing $cName ($oldRef) in place by $newRef"
  :onerror e in={ /container/stop $oldIds } do={ :log debug "$scriptName: stop: $e" }
  :local oldState [$awaitState ($oldIds->0) "stopped" 60]
  # in place: the previous release is added again below if the new one fails
  :onerror e in={ :retry command={ /container/remove $oldIds } delay=2 max=30 } do={ :log error "$scriptName: could not remove $cName: $e" }
  :local ok false
  :local newIds [:toarray ""]
  :if ([$awaitState ($oldIds->0) "gone" 60] = "gone") do={
    :set ($settings->"name") $cName
    :set ($settings->"ref") $newRef
    :set ($settings->"root") $newRoot
    :onerror e in={ :set newIds [$addContainer $settings] } do={ :log error "$scriptName: could not add $cName from $newRef: $e" }
    :if ([:len $newIds] > 0) do={
      :if ([$awaitState ($newIds->0) "stopped" $startTimeout] = "stopped") do={
        :onerror e in={
          :retry command={ /container/start $newIds } delay=5 max=($startTimeout / 5)
        } do={ :log warning "$scriptName: start of $cName kept failing: $e" }
        :if ([$awaitState ($newIds->0) "running" $startTimeout] = "running") do={
          :delay ([:totime $settleSeconds])
          :set ok ([$awaitState ($newIds->0) "running" 0] = "running")
        }
      }
    }
  } else={ :log error "$scriptName: $cName is still there 60 s after remove; nothing replaced" }
  :if ($ok) do={
    $writeState $statePath $newRecord
    :log info "$scriptName: $cName runs $newRef ($newDigest), replaced in place"
  } else={
    :if ([:len $newIds] > 0) do={
      :onerror e in={ /container/stop $newIds } do={ :log debug "$scriptName: stop: $e" }
      :local newState [$awaitState ($newIds->0) "stopped" 60]
      :onerror e in={ :retry command={ /container/remove $newIds } delay=2 max=30 } do={ :log error "$scriptName: could not remove the failed $cName: $e" }
      :local gone [$awaitState ($newIds->0) "gone" 60]
    }
    :if ([:len [/container/find where name=$cName]] = 0) do={
      :set ($settings->"ref") $oldRef
      :set ($settings->"root") ($rootBase . "-" . [:pick $oldDigest 7 19])
      :local backIds [:toarray ""]
      :onerror e in={ :set backIds [$addContainer $settings] } do={ :log error "$scriptName: could not add $oldRef again: $e" }
      :if ([:len $backIds] > 0 && [$awaitState ($backIds->0) "stopped" $startTimeout] = "stopped") do={
        :onerror e in={ :retry command={ /container/start $backIds } delay=5 max=($startTimeout / 5) } do={ :log error "$scriptName: start of $oldRef kept failing: $e" }
      }
    }
    $writeState $statePath $failedRecord
    :if ([$awaitState ([/container/find where name=$cName]->0) "running" $startTimeout] = "running") do={
      :log error "$scriptName: $newRef ($newDigest) did not run and stay up; $cName runs $oldRef again (re-added); this digest is skipped until a different release appears"
    } else={
      :log error "$scriptName: $newRef failed and $oldRef did not come back: the router runs no Tailscale now; run this script again, or deploy-tailscale.rsc"
    }
  }
}
