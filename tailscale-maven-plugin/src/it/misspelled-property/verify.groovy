// A -D property no goal reads changes nothing; the run says so and names the one meant.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] -Dtailscale.platfroms is not a property of tailscale-maven-plugin and changes nothing;'
        + ' did you mean tailscale.platforms?')
