def build = io.github.ecrmaven.testing.InvokerBuild.of(basedir)
build.copyExampleSources('hello-service')
build.recordApiCallsBeforeBuild()
return true
