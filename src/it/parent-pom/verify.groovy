import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Read first: the checks below make API calls of their own. Four modules in parallel share one
// token; the shared repository may be created by both of its modules at once, and both succeed.
def calls = build.apiCallsDuringBuild()
assert calls.count { it == 'GetAuthorizationToken' } == 1 : "API calls: ${calls}"
assert calls.count { it == 'CreateRepository' } in [3, 4] : "API calls: ${calls}"

build.verifyPushed('svc-a', ['5.0.0'])
build.verifyPushed('svc-b', ['5.0.0'])
build.verifyPushed('svc-c', ['c-5.0.0'])
build.verifyPushed('svc-d', ['d-5.0.0'])
for (name in ['it/parent/svc-a', 'it/parent/svc-b', 'it/parent/shared']) {
  // The parent's settings arrive in every repository, with scanOnPush from the command line.
  assert build.describeRepository(name).imageScanningConfiguration().scanOnPush() : "scanOnPush of ${name}"
  assert build.repositoryTags(name) == [team: 'platform'] : "tags of ${name}"
}
def log = build.buildLog()
assert log.contains("Invalid <containerizingMode> (ecr.containerizingMode) 'packd'")
assert log.contains("Invalid <imageTagMutability> (ecr.imageTagMutability) 'SOMETIMES'")
assert log.contains("Skipping ecr:push for parent-pom: packaging 'pom'")
build.verifyNoSecrets()
return true
