def log = new File(basedir, 'build.log').text
assert log.contains("the router image needs 'unixsocketidentity', but it is left out")
assert log.contains('"access denied"')
assert log.contains('<acceptMissing><feature><name>unixsocketidentity</name>')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
