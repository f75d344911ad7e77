// publish refuses archives the smoke test did not run, naming the platform and both identities,
// and says what to do; nothing is planned or sent.
def log = new File(basedir, 'build.log').text
def images = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/images/images.json'))
def arm64 = images.images.find { it.platform == 'linux/arm64' }.imageId
assert log.contains("linux/arm64: the archive to publish is ${arm64}, but the smoke test ran sha256:" + '0' * 64)
assert log.contains('Run the smoke test on exactly these images')
assert log.contains('-Dtailscale.publishUntested=true')
assert !log.contains('would push')
assert !log.contains('\tat io.github')
assert !new File(basedir, 'target/release.json').exists()
