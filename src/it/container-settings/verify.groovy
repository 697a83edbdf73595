import io.github.ecrmaven.testing.InvokerBuild
import groovy.json.JsonSlurper

def build = InvokerBuild.of(basedir)
def config = build.verifyPushed('.', ['1.0.0']).get('config')
def report = build.pushReport('.')
def image = report.get('image').asText()

// The pushed image: OCI format, and the settings in its configuration.
def ociManifest = 'application/vnd.oci.image.manifest.v1+json'
assert report.get('imageManifestMediaType').asText() == ociManifest
assert build.inspect(image + ':1.0.0').manifest().get('mediaType').asText() == ociManifest
assert config.get('User').asText() == 'nobody'
assert config.get('WorkingDir').asText() == '/opt/app-home'
assert config.get('Env').collect { it.asText() }.contains('GREETING=hello from the POM')
assert config.get('Volumes').has('/var/lib/app')
assert config.get('ExposedPorts').has('8080/tcp')
assert config.get('ExposedPorts').has('9000/udp')
assert config.get('ExposedPorts').has('9001/udp')
assert config.get('Entrypoint').collect { it.asText() }[0..1] == ['java', '-Dstarted.by=entrypoint']
assert config.get('Cmd').collect { it.asText() } == ['first', 'second']

// The history entry of the last application layer names the plugin and its version.
def history = build.inspect(image + ':1.0.0').config().get('history')
assert history.last().get('created_by').asText() == "ecr-maven-plugin:${pluginVersion}" : "history ${history}"

// Standard labels from the POM, with the vendor replaced by a configured label.
def labels = config.get('Labels')
def expectedLabels = [
    'org.opencontainers.image.title': 'Container settings',
    'org.opencontainers.image.description': 'Prints what its container gives it.',
    'org.opencontainers.image.version': '1.0.0',
    'org.opencontainers.image.source': 'https://git.example.com/it/container-settings',
    'org.opencontainers.image.vendor': 'Checkout team',
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.created': '2026-12-04T00:00:00Z',
    'org.opencontainers.image.revision': '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    'team': 'checkout']
expectedLabels.each { key, value ->
  assert labels.get(key)?.asText() == value : "label ${key}: ${labels.get(key)}"
}

// The program's view from inside the container.
def expectedOutput = [
    'args=first second',
    'started.by=entrypoint',
    'cwd=/opt/app-home',
    'uid=65534',
    'GREETING=hello from the POM',
    'mode bin=rwx--x--x',
    'mode bin/run.sh=rwxr-xr-x',
    'mode config/app.conf=rw-r-----',
    'mode /opt/app-info/info.txt=rw-r-----',
    // A rule gives the target directory and /tmp, a directory above a target, their modes. The base
    // image's /tmp has mode 777 too, so without the rule /tmp would show Jib's rwxr-xr-x.
    'mode /opt/app-home=rwxrwxr-x',
    'mode /tmp=rwxrwxrwx',
    'mode /tmp/seed=rwxr-xr-x',
    'libs=slf4j-api-2.0.20.jar']
def output = build.runImage(image + ':1.0.0')
expectedOutput.each { line ->
  assert output.readLines().contains(line) : "missing '${line}' in the container output:\n${output}"
}

def log = build.buildLog()
assert log.contains("Left out of the image's class path, as Spring Boot's packaging does:"
    + ' org.apache.commons:commons-lang3:3.22.0 (optional)')

// ecr:build wrote an OCI image layout tarball of the same image, which podman loads and runs.
def buildReport = new JsonSlurper().parse(new File(basedir, 'target/ecr-build.json'))
assert buildReport.imageDigest == report.get('imageDigest').asText() : "tarball ${buildReport.imageDigest}"
def names = []
new File(basedir, 'target/ecr-image.tar').withInputStream { stream ->
  def tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(stream)
  for (def entry = tar.nextEntry; entry != null; entry = tar.nextEntry) {
    names << entry.name
  }
}
assert names.contains('oci-layout') && names.contains('index.json') : "tarball entries: ${names}"
def tarballOutput = build.runArchive('target/ecr-image.tar', buildReport.image + ':1.0.0')
assert tarballOutput.readLines().contains('cwd=/opt/app-home') : "container output: ${tarballOutput}"
// The user nobody reads the extra files, which are root's, through the others' bits: 711 and 640 close them.
assert log.contains("[WARNING] <container><user> (ecr.container.user) is 'nobody', but the extra files are owned by"
    + " root, and that user cannot read 7 of them, such as /opt (mode 711).")
InvokerBuild.of(basedir).verifyNoSecrets()
return true
