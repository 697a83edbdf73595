import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def log = build.buildLog()
assert log.contains("Failed to pull the base image localhost:") : 'no base image message'
assert log.contains('/base/java17:no-such-tag from <from><image> (ecr.from.image)') : 'the message does not name the value'
assert !new File(basedir, 'target/ecr-image.json').exists()
build.verifyNoSecrets()
return true
