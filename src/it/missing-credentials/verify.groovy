import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
assert build.apiCallsDuringBuild().isEmpty() : "API calls: ${build.apiCallsDuringBuild()}"
def log = build.buildLog()
assert log.contains('no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY')
assert !new File(basedir, 'target/ecr-image.json').exists()
build.verifyNoSecrets()
return true
