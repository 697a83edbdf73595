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
