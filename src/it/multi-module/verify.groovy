import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Read first: the checks below make API calls of their own. The pom parent makes no call: each
// application describes and creates its own repository, and the two share one token.
def calls = build.apiCallsDuringBuild()
assert calls.count { it == 'DescribeRepositories' } == 2 : "API calls: ${calls}"
assert calls.count { it == 'CreateRepository' } == 2 : "API calls: ${calls}"
assert calls.count { it == 'GetAuthorizationToken' } == 1 : "API calls: ${calls}"

build.verifyPushed('app-one', ['3.0.0'])
build.verifyPushed('app-two', ['3.0.0'])
assert build.buildLog().contains("Skipping ecr:push for multi-module: packaging 'pom'")
assert !new File(basedir, 'target/ecr-image.json').exists()

def report = build.pushReport('app-two')
def output = build.runImage(report.get('image').asText() + ':3.0.0')
assert output.contains('app-two is running') : "container output: ${output}"
build.verifyNoPasswordInBuildLog()
build.verifyNoSecrets()
return true
