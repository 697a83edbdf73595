import io.github.ecrmaven.testing.InvokerBuild
import io.github.ecrmaven.testing.TestHttpProxy

def build = InvokerBuild.of(basedir)
build.copyExampleSources('hello-service')
build.recordApiCallsBeforeBuild()
// The proxy's threads keep running in the invoker's JVM while the build runs.
TestHttpProxy.start(Integer.parseInt(proxyPort), 'builder', 'proxy-pass')
    .recordTo(new File(basedir, 'proxy-requests.log').toPath())
return true
