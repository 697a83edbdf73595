import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def log = build.buildLog()
assert log.contains("Invalid ECR repository name 'Team/My_App' in <repository> (ecr.repository)")
assert build.apiCallsDuringBuild().isEmpty() : "API calls: ${build.apiCallsDuringBuild()}"
assert !new File(basedir, 'target/ecr-image.json').exists()
assert !new File(basedir, 'target/ecr-image.digest').exists()
InvokerBuild.of(basedir).verifyNoSecrets()
return true
