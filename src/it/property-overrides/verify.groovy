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
InvokerBuild.of(basedir).verifyNoSecrets()
return true
