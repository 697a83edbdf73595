io.github.ecrmaven.testing.InvokerBuild.of(basedir).recordApiCallsBeforeBuild()
return true
