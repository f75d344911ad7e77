// A dry run of the release prints the plan and changes nothing: no image, no tag, no push, no report.
def log = new File(basedir, 'build.log').text
assert log.contains('Release v1.98.3-mt.1 (a new tag on ')
assert log.contains('dry run, nothing is built, tagged or pushed')
assert log.contains('Would build amd64, arm64 and armv7 (tailscale:build), labelled v1.98.3-mt.1')
assert log.contains('Would create the annotated tag v1.98.3-mt.1 on HEAD')
assert log.contains('Would publish the three images as one manifest list localhost:9/it/tailscale:v1.98.3-mt.1')
assert log.contains('Would push the tag v1.98.3-mt.1 to origin')
def tags = new ProcessBuilder(["git", "tag", "-l"]).directory(basedir).start().inputStream.text.trim()
assert tags.isEmpty() : "tags: ${tags}"
assert !new File(basedir, 'target/images').exists()
assert !new File(basedir, 'target/release.json').exists()
