import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def calls = build.apiCallsDuringBuild()
assert calls.count { it == 'CreateRepository' } == 1 : "API calls: ${calls}"
assert calls.count { it == 'PutLifecyclePolicy' } == 1 : "API calls: ${calls}"
assert calls.count { it == 'PutImageScanningConfiguration' } == 1 : "API calls: ${calls}"
assert calls.count { it == 'TagResource' } == 1 : "API calls: ${calls}"

def log = build.buildLog()
assert log.contains('Created repository it/create-repository')
assert log.contains('Put the lifecycle policy from')
// The second build warns about each difference and changes nothing.
assert log.contains('Repository it/create-repository has <scanOnPush> true, but the configuration asks for false.')
assert log.contains('Set <updateRepositorySettings> (ecr.updateRepositorySettings) to true')
assert log.contains('ECR cannot change this setting in place')
// The third build changes what can be changed.
assert log.contains('Updated <scanOnPush> of repository it/create-repository from true to false')
assert log.contains('Updated <repositoryTags> of repository it/create-repository')

def repository = build.describeRepository('it/create-repository')
assert repository.imageTagMutabilityAsString() == 'IMMUTABLE_WITH_EXCLUSION'
assert repository.imageTagMutabilityExclusionFilters().collect { it.filter() } == ['dev-*']
assert !repository.imageScanningConfiguration().scanOnPush()
assert repository.encryptionConfiguration().encryptionTypeAsString() == 'KMS'
assert build.repositoryTags('it/create-repository') == [team: 'checkout', 'cost-center': '42']
InvokerBuild.of(basedir).verifyNoSecrets()
return true
