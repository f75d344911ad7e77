// A dry run of publish lists every push and sends nothing (nothing listens on localhost:9, so a
// request would have failed the build); it writes no release report.
def log = new File(basedir, 'build.log').text
assert log.contains('Planning localhost:9/it/tailscale:v1.98.3-mt.1 (linux/amd64, linux/arm64, linux/arm/v7)')
assert log.contains('dry run: nothing is sent to localhost:9')
assert log =~ /would push layer sha256:[0-9a-f]{64} \(.*\) for linux\/arm\/v7/
assert log =~ /would push the manifest list sha256:[0-9a-f]{64} as localhost:9\/it\/tailscale:v1.98.3-mt.1/
assert log.contains('Would write the release report ')
assert !new File(basedir, 'target/release.json').exists()
