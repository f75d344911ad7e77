// The original's thirteen features resolve to sixteen: its sed allowlist had dropped
// c2n, peerapiclient and peerapiserver.
def features = new File(basedir, 'target/tailscale-image/tailscale/features.txt').readLines()
assert features.size() == 16
assert features.containsAll(['c2n', 'peerapiclient', 'peerapiserver'])
assert !features.contains('netstack')
def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] 'netstack' is left out (accepted: the original design")
assert log.contains('100.100.100.100')
