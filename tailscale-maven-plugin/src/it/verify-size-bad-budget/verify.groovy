def log = new File(basedir, 'build.log').text
assert log.contains('The tailscale-maven-plugin configuration needs a change')
assert log.contains("<budgets>: there is no platform 'arm32'.")
assert log.contains("<budgetArm64 (tailscale.budget.arm64)>: '4parsecs' is not a size.")
assert log.contains('4MiB')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
