import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Read first: the checks below make API calls of their own.
def calls = build.apiCallsDuringBuild()
assert calls == ['DescribeRepositories', 'CreateRepository', 'GetAuthorizationToken', 'DescribeImages',
    'DescribeImages', 'DescribeRepositories', 'BatchGetImage', 'PutImage', 'DescribeImages'] :
    "API calls: ${calls}"

def config = build.verifyPushed('.', ['2.1.0', 'stable'])

def entrypoint = config.get('config').get('Entrypoint').collect { it.asText() }
assert entrypoint[0] == 'java' : "entrypoint ${entrypoint}"
assert entrypoint.contains('-Xss1m') : "entrypoint ${entrypoint}"
assert entrypoint.contains('/app/resources:/app/classes:/app/libs/*') : "entrypoint ${entrypoint}"
// The layers run from the least to the most often changed, so a code change re-uploads only the last.
def layerNames = config.get('history').findAll { !it.path('empty_layer').asBoolean() }.collect { it.path('comment').asText() }
assert layerNames.takeRight(3) == ['dependencies', 'resources', 'classes'] : "layers ${layerNames}"
assert entrypoint.last() == 'io.github.ecrmaven.examples.hello.HelloService' : "entrypoint ${entrypoint}"
assert config.get('config').get('ExposedPorts').has('8080/tcp')
assert config.get('config').get('Env').collect { it.asText() }.contains('APP_MODE=print')
assert config.get('config').get('Labels').get('team').asText() == 'platform'
// The creation time comes from the parent's project.build.outputTimestamp.
assert config.get('created').asText().startsWith('2026-12-04T00:00:00') : "created ${config.get('created')}"

def report = build.pushReport('.')
def output = build.runImage(report.get('image').asText() + '@' + report.get('imageDigest').asText())
assert output.contains('deploy-lifecycle 2.1.0') : "container output: ${output}"

assert build.buildLog().contains('Published ' + report.get('image').asText() + '@sha256:')
assert report.get('imageManifestMediaType').asText() == 'application/vnd.docker.distribution.manifest.v2+json'
assert build.buildLog().count('Verified with DescribeImages') == 2
assert build.inspect(report.get('image').asText() + ':promoted').manifestDigest() == report.get('imageDigest').asText()
assert build.buildLog().contains('Tagged ' + report.get('image').asText() + '@' + report.get('imageDigest').asText()
    + ' with promoted')
build.verifyNoPasswordInBuildLog()
build.verifyNoSecrets()
return true
