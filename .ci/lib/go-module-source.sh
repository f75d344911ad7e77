# Sourced by the scripts that build a Go program from the module proxy (gitea.sh, buildkit.sh).
# go_module_source MODULE VERSION DIR: the module's source, as the proxy serves it, copied to DIR
# and made writable (the module cache is read-only; `go install module@version` refuses modules
# with replace or exclude directives, so they are built from such a copy).
go_module_source() {
  local module=$1 version=$2 target=$3 dir
  dir=$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [[ -z $dir || ! -d $dir ]]; then
    printf 'go mod download gave no module directory for %s@%s\n' "$module" "$version" >&2
    return 1
  fi
  # one chain: callers use `go_module_source … || die`, where errexit does not apply
  cp -a "$dir" "$target" && chmod -R u+w "$target"
}
