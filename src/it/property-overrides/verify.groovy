import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def config = build.verifyPushed('.', ['cli-tag'])
def entrypoint = config.get('config').get('Entrypoint').collect { it.asText() }
assert entrypoint.contains('-Xmx64m') : "entrypoint ${entrypoint}"
assert entrypoint.last() == 'it.overrides.Main' : "entrypoint ${entrypoint}"

def report = build.pushReport('.')
assert report.get('repositoryName').asText() == 'it/property-overrides'
def output = build.runImage(report.get('imageUri').asText())
assert output.contains('arguments from-the-command-line, SOURCE=command-line, source=project-property') : "output: ${output}"
def log = build.buildLog()
assert log.contains('No goal of this plugin reads the property ecr.scan.wiat: did you mean ecr.scan.wait?')
// Every other ecr.* property of this build is one a goal reads, and the check runs once per build.
assert log.count('No goal of this plugin reads the property') == 1
InvokerBuild.of(basedir).verifyNoSecrets()
return true
