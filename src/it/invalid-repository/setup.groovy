def build = io.github.ecrmaven.testing.InvokerBuild.of(basedir)
build.copyExampleSources('hello-service')
build.recordApiCallsBeforeBuild()
// The report of an earlier push must not survive a push that fails on its configuration.
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/ecr-image.json').text = '{"imageDigest": "sha256:earlier"}'
new File(basedir, 'target/ecr-image.digest').text = 'sha256:earlier'
return true
