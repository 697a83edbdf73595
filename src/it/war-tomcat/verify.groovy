import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def log = build.buildLog()

// Build 1: the invalid appRoot, not the missing exploded WAR.
assert log.contains("Invalid <container><appRoot> (ecr.container.appRoot) 'webapps/ROOT'")
assert !log.contains('The exploded WAR directory')

// Builds 2 and 3: a base image without entrypoint or command fails ecr:push and ecr:build, naming the base image
// as configured and the fix. Neither pushed an image nor wrote a tarball.
def noCommand = (' from <from><image> (ecr.from.image) has neither an entrypoint nor a command, so it is not a'
    + ' servlet container image')
assert log =~ /The base image localhost:\d+\/base\/java17:17${java.util.regex.Pattern.quote(noCommand)}/
assert log.contains('The base image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17' + noCommand)
assert log.contains('Choose a servlet container base image, such as an official tomcat image, or set'
    + ' <container><entrypoint> (ecr.container.entrypoint) to the command that starts the server.')
assert !new File(basedir, 'target/ecr-image.tar').exists()
assert !new File(basedir, 'target/ecr-build.json').exists()

// The image keeps the base image's entrypoint, which starts Tomcat, and has the WAR's files below its ROOT.
def config = build.verifyPushed('.', ['1.0.0']).get('config')
def entrypoint = config.get('Entrypoint').collect { it.asText() }
assert entrypoint.last() == 'io.github.ecrmaven.testing.TomcatLauncher' : "entrypoint ${entrypoint}"
def report = build.pushReport('.')
def image = report.get('image').asText() + ':1.0.0'
// The repository holds the image of build 4 alone.
assert build.imageDigests('it/war-tomcat') == [report.get('imageDigest').asText()]
def layers = build.inspect(image).manifest().get('layers')
// The Java and Tomcat layers of the base image, then the dependencies, resources and classes of the WAR.
assert layers.size() == 5 : "2 base image layers and 3 WAR layers expected, got ${layers.size()}"

// The servlet answers over HTTP on a free loopback port of the host.
def port = InvokerBuild.freePort()
def body = build.askServer(image, ['--env', "TOMCAT_PORT=${port}".toString()], [], port, '/hello')
assert body == 'hello from a WAR on Apache Tomcat' : "answer: ${body}"
return true
