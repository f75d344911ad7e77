def log = new File(basedir, 'build.log').text
// taildrop added on the command line pulls in both PeerAPI halves; dns removed.
assert log =~ /\+ taildrop\s+chosen/
assert log =~ /\+ peerapiclient\s+pulled in by taildrop/
assert log =~ /- dns\s+left out/
assert log =~ /- ssh\s+left out\s+Tailscale SSH support/
assert log.contains('reason: added on the command line (tailscale.addFeatures)')
def report = new File(basedir, 'target/tailscale-image/features.md').text
assert report.contains('| `taildrop` | yes | chosen |')
assert report.readLines().findAll { it.startsWith('| `') }.size() == 73
