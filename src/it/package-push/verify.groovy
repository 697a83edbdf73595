import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def config = build.verifyPushed('.', ['1.0.0-SNAPSHOT', 'ci'])
def entrypoint = config.get('config').get('Entrypoint').collect { it.asText() }
assert entrypoint.last() == 'io.github.ecrmaven.examples.hello.HelloService' : "entrypoint ${entrypoint}"

def report = build.pushReport('.')
def output = build.runImage(report.get('image').asText() + ':ci')
assert output.contains('package-push 1.0.0-SNAPSHOT') : "container output: ${output}"
assert build.buildLog().contains('Created repository it/package-push')
return true
