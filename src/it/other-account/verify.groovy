import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def calls = build.apiCallsDuringBuild()
assert !calls.contains('CreateRepository') : "API calls: ${calls}"
def log = build.buildLog()
assert log.contains('Repository team/other-account is in registry 210987654321') : 'the message does not name the other account'
assert log.contains('an administrator of that account must create the repository and give it a repository policy')
assert !new File(basedir, 'target/ecr-image.json').exists()
build.verifyNoSecrets()
return true
