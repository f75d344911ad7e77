def log = new File(basedir, 'build.log').text
assert log.contains("<builderImage>: 'golang:1.26-alpine' is not pinned by digest")
assert log.contains('<allowUnpinnedBaseImages>true</allowUnpinnedBaseImages>')
