import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def config = build.verifyPushed('.', ['1.0.0-SNAPSHOT', 'ci'])
def entrypoint = config.get('config').get('Entrypoint').collect { it.asText() }
assert entrypoint.last() == 'io.github.ecrmaven.examples.hello.HelloService' : "entrypoint ${entrypoint}"

def report = build.pushReport('.')
def output = build.runImage(report.get('image').asText() + ':ci')
assert output.contains('package-push 1.0.0-SNAPSHOT') : "container output: ${output}"
def log = build.buildLog()
assert log.contains('Created repository it/package-push')
// The second build ran on Maven 3.8.7 and pushed the same digest again.
assert log.contains('Apache Maven 3.8.7')
assert log.count('Published ' + report.get('imageUri').asText()) == 2
build.verifyNoPasswordInBuildLog()
build.verifyNoSecrets()
return true
