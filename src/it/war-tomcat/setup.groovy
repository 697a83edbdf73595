def build = io.github.ecrmaven.testing.InvokerBuild.of(basedir)
build.recordApiCallsBeforeBuild()
return true
