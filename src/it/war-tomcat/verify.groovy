import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)

// The image keeps the base image's entrypoint, which starts Tomcat, and has the WAR's files below its ROOT.
def config = build.verifyPushed('.', ['1.0.0']).get('config')
def entrypoint = config.get('Entrypoint').collect { it.asText() }
assert entrypoint.last() == 'io.github.ecrmaven.testing.TomcatLauncher' : "entrypoint ${entrypoint}"
def report = build.pushReport('.')
def image = report.get('image').asText() + ':1.0.0'
def layers = build.inspect(image).manifest().get('layers')
// The Java and Tomcat layers of the base image, then the dependencies, resources and classes of the WAR.
assert layers.size() == 5 : "2 base image layers and 3 WAR layers expected, got ${layers.size()}"

// The servlet answers over HTTP on a free loopback port of the host.
def port = InvokerBuild.freePort()
def body = build.askServer(image, ['--env', "TOMCAT_PORT=${port}".toString()], [], port, '/hello')
assert body == 'hello from a WAR on Apache Tomcat' : "answer: ${body}"
return true
