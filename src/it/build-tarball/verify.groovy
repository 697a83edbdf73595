import io.github.ecrmaven.testing.InvokerBuild
import groovy.json.JsonSlurper

def build = InvokerBuild.of(basedir)
// The only AWS call fetches the token for the base image in ECR.
def calls = build.apiCallsDuringBuild()
assert calls == ['GetAuthorizationToken'] : "API calls: ${calls}"

assert !new File(basedir, 'target/ecr-image.json').exists()
def report = new JsonSlurper().parse(new File(basedir, 'target/ecr-build.json'))
assert report.image == '123456789012.dkr.ecr.eu-west-1.amazonaws.com/it/build-tarball'
assert report.tags == ['1.0.0', 'local']
assert report.imageDigest.startsWith('sha256:')
assert report.imageId.startsWith('sha256:')

def log = build.buildLog()
assert log.contains('[WARNING] <extraDirectories><permissions> (ecr.extraDirectories.permissions) and'
    + ' <extraDirectories><fileMode> (ecr.extraDirectories.fileMode) have no effect: <extraDirectories><paths>'
    + ' (ecr.extraDirectories.paths) names no directory')

def output = build.runArchive('target/ecr-image.tar', report.image + ':local')
assert output.contains('build-tarball 1.0.0') : "container output: ${output}"
InvokerBuild.of(basedir).verifyNoSecrets()
return true
