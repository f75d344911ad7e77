// A dry run of the tag goal says what it would do and changes nothing: no tag, no push, no file.
def log = new File(basedir, 'build.log').text
assert log.contains('Dry run (tailscale.dryRun), nothing changes: would create the annotated tag v1.98.3-mt.1 on ')
assert log.contains('Would write v1.98.3-mt.1 to ')
assert log.contains('Would push the tag v1.98.3-mt.1 to origin')
assert !log.contains('Created tag')
def tags = new ProcessBuilder(["git", "tag", "-l"]).directory(basedir).start().inputStream.text.trim()
assert tags.isEmpty() : "tags: ${tags}"
assert !new File(basedir, 'target/release-tag.txt').exists()
