// Shared by the ITs whose goals read git (tag, release): makes the cloned project a git
// repository of its own, committed, with no tags. A setup.groovy runs it with
// evaluate(new File(itLib, "GitProject.groovy")); basedir comes from the invoker's binding.
def run(List cmd) {
    def builder = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
    builder.environment().putAll([GIT_AUTHOR_NAME: "it", GIT_AUTHOR_EMAIL: "it@localhost",
            GIT_COMMITTER_NAME: "it", GIT_COMMITTER_EMAIL: "it@localhost"])
    def process = builder.start()
    def out = process.inputStream.text
    assert process.waitFor() == 0 : "${cmd}: ${out}"
    return out.trim()
}
new File(basedir, ".gitignore").text = "target/\nbuild.log\n"
run(["git", "init", "-q"])
run(["git", "add", "-A"])
run(["git", "commit", "-q", "-m", "initial"])
return true
