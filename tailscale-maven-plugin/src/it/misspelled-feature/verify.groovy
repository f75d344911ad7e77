def log = new File(basedir, 'build.log').text
assert log.contains("unknown Tailscale feature 'advertiseexitnodes'")
assert log.contains("Did you mean 'advertiseexitnode'?")
assert log.contains('Known features: ace, acme,')
assert log.contains('The tailscale-maven-plugin configuration needs a change')
// A configuration mistake is a message, never a stack trace.
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert !new File(basedir, 'target/tailscale-image/Dockerfile').exists()
