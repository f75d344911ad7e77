def log = new File(basedir, 'build.log').text
assert log.contains('Skipping: tailscale.skip is set.')
assert !new File(basedir, 'target/tailscale-image').exists()
