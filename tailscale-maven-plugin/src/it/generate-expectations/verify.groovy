import groovy.json.JsonSlurper

def context = new File(basedir, 'target/tailscale-image')
def expectations = new JsonSlurper().parse(new File(context, 'expectations.json'))
assert expectations.entrypoint == ['/usr/local/bin/entrypoint.sh']
assert expectations.cmd == ['--no-logs-no-support', '--state=/data/tailscale/tailscaled.state',
        '--socket=/var/run/tailscale/tailscaled.sock', '--statedir=/data/tailscale']
assert expectations.volumes == ['/data/tailscale']
assert expectations.upxPacked == true
assert expectations.components.tailscaleBinary == '/usr/local/bin/tailscale.combined'
assert expectations.components.tailscaleLinks == ['/usr/local/bin/tailscale', '/usr/local/bin/tailscaled']
assert expectations.components.busybox == '/bin/busybox'
// bakedroots: no CA bundle in the image, so none is expected
assert expectations.components.caBundle == ''
// written next to the context, kept out of it
assert new File(context, '.dockerignore').readLines().contains('expectations.json')
