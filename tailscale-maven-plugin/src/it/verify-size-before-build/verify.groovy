def log = new File(basedir, 'build.log').text
assert log.contains('tailscale-maven-plugin') && log.contains(':verify-size')
assert log.contains('<imagesDirectory>: there is no images.json in')
assert log.contains("Run 'mvn package' first")
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert !new File(basedir, 'target/images/size-report.json').exists()
