import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Read first: the checks below make API calls of their own. The failed first build made none; the
// second describes and creates both repositories only after both modules built.
def calls = build.apiCallsDuringBuild()
assert calls.count { it == 'DescribeRepositories' } == 2 : "API calls: ${calls}"
assert calls.count { it == 'CreateRepository' } == 2 : "API calls: ${calls}"
assert calls.count { it == 'GetAuthorizationToken' } == 1 : "API calls: ${calls}"

def log = build.buildLog()
assert log.contains("Invalid ECR repository name 'Invalid_Repository'") : 'the first build did not fail on app-two'
assert log.contains('Deferring the push of io.github.ecrmaven.it:app-one:jar:4.0.0') ||
    log.contains('Deferring the push of io.github.ecrmaven.it:app-two:jar:4.0.0')
assert log.contains('Every module has built: pushing 2 deferred images (pushAtEnd)')

build.verifyPushed('app-one', ['4.0.0'])
build.verifyPushed('app-two', ['4.0.0'])
def report = build.pushReport('app-one')
def output = build.runImage(report.get('image').asText() + ':4.0.0')
assert output.contains('app-one is running') : "container output: ${output}"
build.verifyNoPasswordInBuildLog()
build.verifyNoSecrets()
return true
