import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def log = build.buildLog()
assert log.contains('[WARNING] <includeOptionalDependencies> (ecr.includeOptionalDependencies) is true but has no'
    + " effect: the class path of a Spring Boot executable jar is the jar's own BOOT-INF/lib")
// The index's snapshot-dependencies layer is empty, so the log does not list it.
assert log.contains('Containerizing the Spring Boot jar spring-boot-web-1.0.0.jar (Spring Boot 3.5.7) in the layers'
    + ' dependencies, spring-boot-loader, application of its layer index')

// The launcher starts the unpacked jar; the empty snapshot-dependencies layer is left out.
def config = build.verifyPushed('.', ['1.0.0']).get('config')
// spring-boot-maven-plugin dates the repackaged jar at project.build.outputTimestamp, so the jar's time
// says nothing about staleness there.
assert !log.contains('is older than') : 'false stale-jar warning'

def labels = config.get('Labels')
assert labels.get('org.opencontainers.image.title').asText() == 'spring-boot-web' : "labels ${labels}"
assert labels.get('org.opencontainers.image.version').asText() == '1.0.0' : "labels ${labels}"
// The starter parent's description, licenses and scm url describe Spring Boot, not this application.
['description', 'licenses', 'source'].each { name ->
  assert !labels.has('org.opencontainers.image.' + name) : "label ${name} inherited from the starter parent: ${labels}"
}
assert log.contains('[INFO] Left out the label org.opencontainers.image.description: its value comes from the parent'
    + ' POM org.springframework.boot:spring-boot-starter-parent:3.5.7, which belongs to another organization.'
    + ' Set <description> in this POM, or the label in <container><labels>, to give the image one.')
assert log.contains('[INFO] Left out the label org.opencontainers.image.licenses')
assert log.contains('[INFO] Left out the label org.opencontainers.image.source')
def entrypoint = config.get('Entrypoint').collect { it.asText() }
assert entrypoint == ['java', '-cp', '/app', 'org.springframework.boot.loader.launch.JarLauncher'] : "entrypoint ${entrypoint}"
def report = build.pushReport('.')
def image = report.get('image').asText() + ':1.0.0'
def layers = build.inspect(image).manifest().get('layers')
assert layers.size() == 4 : "base image layer and 3 application layers expected, got ${layers.size()}"

// The application answers over HTTP on a free loopback port of the host.
def port = InvokerBuild.freePort()
def body = build.askServer(image, [], ["--server.port=${port}".toString(), '--server.address=127.0.0.1'], port,
    '/greeting')
assert body == 'hello from Spring Boot 3.5.7' : "answer: ${body}"
return true
