# A digest read from the headers of a HEAD request: before 7.21 they are lost on an empty body.
# --- CONFIG ---
:local manifestUrl "https://registry.example/v2/a/b/manifests/v1"
# --- END CONFIG ---
:local rosVersion [/system/resource/get version]
:local reply [/tool/fetch url=$manifestUrl http-method=head output=user-with-headers as-value]
:put ($reply->"http-headers")
