def context = new File(basedir, 'target/tailscale-image')
def dockerfile = new File(context, 'Dockerfile')
assert dockerfile.isFile()
def text = dockerfile.text
assert text.contains('FROM --platform=$BUILDPLATFORM golang:1.26.3-alpine@sha256:')
assert text.contains('FROM scratch')
assert text.contains('COPY --from=tailscale /out/usrlocalbin/ /usr/local/bin/')
assert new File(context, 'entrypoint.sh').canExecute()
assert new File(context, 'tailscale/features.txt').readLines() == ['advertiseroutes', 'c2n', 'cli', 'dns', 'ipnbus', 'netstack', 'osrouter', 'unixsocketidentity']
def features = new File(context, 'features.md').text
assert features.contains('| `c2n` | yes | pulled in by advertiseroutes |')

def log = new File(basedir, 'build.log').text
assert log.contains('Tailscale features (catalogue 1.98): 8 kept, 65 left out')
assert log.contains('+ c2n')
assert log.contains('Build context for Tailscale v1.98.3 written to')
