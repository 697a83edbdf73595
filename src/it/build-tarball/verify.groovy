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
// The log names the base image as configured; one line says where the registry is reached.
def base = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17'
assert log.contains("from ${base} into ")
assert log.contains("Base image '${base}' does not use a specific image digest")
assert log =~ /\[INFO\] Reaching base image registry 123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com at localhost:\d+/
def reached = log.readLines().findAll { it =~ /localhost:\d+\/base\/java17/ && !it.startsWith('[DEBUG]') }
assert reached.isEmpty() : "lines that name the base image by the registry endpoint: ${reached}"
assert log.contains('[WARNING] <extraDirectories><permissions> (ecr.extraDirectories.permissions) and'
    + ' <extraDirectories><fileMode> (ecr.extraDirectories.fileMode) have no effect: <extraDirectories><paths>'
    + ' (ecr.extraDirectories.paths) names no directory')

def output = build.runArchive('target/ecr-image.tar', report.image + ':local')
assert output.contains('build-tarball 1.0.0') : "container output: ${output}"
InvokerBuild.of(basedir).verifyNoSecrets()
return true
