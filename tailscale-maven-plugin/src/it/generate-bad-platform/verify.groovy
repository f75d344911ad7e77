// The whole configuration is checked before the first goal does anything, whichever goal it is:
// generate does not use the platforms, but a platform no goal can build fails here already.
def log = new File(basedir, 'build.log').text
assert log.contains('The tailscale-maven-plugin configuration needs a change')
assert log.contains("<platforms>: 'linux/mips' cannot be built")
assert log.contains('Supported platforms: amd64 (linux/amd64), arm64 (linux/arm64)')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert !new File(basedir, 'target/tailscale-image').exists()
