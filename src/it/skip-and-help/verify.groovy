import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
assert build.apiCallsDuringBuild().isEmpty() : "API calls: ${build.apiCallsDuringBuild()}"
def log = build.buildLog()
assert log.contains('Skipping ecr:push: ecr.skip is true')
assert log.contains('Skipping ecr:push: ecr.push.skip is true')
assert !new File(basedir, 'target/ecr-image.json').exists()

// The help goal lists the push goal's parameters with their user properties.
assert log.contains('ecr:push')
assert log.contains('User property: ecr.repositoryCreation')
assert log.contains('User property: ecr.push.skip')
InvokerBuild.of(basedir).verifyNoSecrets()
return true
