// Shared by the publish ITs: three tiny docker-archives and the images.json the build goal would
// have written for a release, so that the publish goal has something to plan with. A setup.groovy
// runs it with evaluate(new File(itLib, "ReleaseArchives.groovy")) and gets the images.json entries.
import groovy.json.JsonOutput
import java.security.MessageDigest

def sha256(File file) {
    MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
}
def tar(File directory, File output, List names) {
    def process = new ProcessBuilder(['tar', '-cf', output.absolutePath, '-C', directory.absolutePath] + names)
            .redirectErrorStream(true).start()
    def out = process.inputStream.text
    assert process.waitFor() == 0 : out
}
def images = new File(basedir, 'target/images')
images.mkdirs()
def entries = []
[[name: 'amd64', platform: 'linux/amd64', arch: 'amd64', variant: ''],
 [name: 'arm64', platform: 'linux/arm64', arch: 'arm64', variant: ''],
 [name: 'armv7', platform: 'linux/arm/v7', arch: 'arm', variant: 'v7']].each { p ->
    def work = new File(basedir, "target/archive-${p.name}")
    new File(work, 'rootfs').mkdirs()
    new File(work, 'rootfs/hello.txt').text = "hello from ${p.name}\n"
    tar(new File(work, 'rootfs'), new File(work, 'layer.tar'), ['hello.txt'])
    def config = [architecture: p.arch, os: 'linux', config: [:],
                  rootfs: [type: 'layers', diff_ids: ['sha256:' + sha256(new File(work, 'layer.tar'))]]]
    if (p.variant) {
        config.variant = p.variant
    }
    new File(work, 'config.json').text = JsonOutput.toJson(config)
    def configName = sha256(new File(work, 'config.json')) + '.json'
    new File(work, 'config.json').renameTo(new File(work, configName))
    new File(work, 'manifest.json').text = JsonOutput.toJson([[Config: configName, RepoTags: [], Layers: ['layer.tar']]])
    def archive = new File(images, "${p.name}.tar")
    tar(work, archive, ['manifest.json', configName, 'layer.tar'])
    entries << [platform: p.platform, name: p.name, imageId: 'sha256:' + configName - '.json', archive: "${p.name}.tar",
                archiveBytes: archive.length(), buildSeconds: 1.0, upToDate: false, inputHash: 'it', localTag: '']
}
new File(images, 'images.json').text = JsonOutput.toJson([imageVersion: 'v1.98.3-mt.1', images: entries])
return entries
