// Each goal of the lifecycle has its own skip; with all four set, nothing is generated, built,
// measured or run (and no engine is asked: this runs without Docker).
def log = new File(basedir, 'build.log').text
['tailscale.generate.skip', 'tailscale.build.skip', 'tailscale.verifySize.skip', 'tailscale.smoke.skip'].each {
    assert log.contains("Skipping: ${it} is set.")
}
assert !new File(basedir, 'target/tailscale-image').exists()
assert !new File(basedir, 'target/images').exists()
