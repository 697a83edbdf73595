import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
build.verifyPushed('.', ['1.0.0'])
def log = build.buildLog()
assert log.contains('Using proxy 127.0.0.1:' + proxyPort + ' as builder from the HTTPS_PROXY environment variable')
// With -X, maven-resources-plugin lists every environment variable, HTTPS_PROXY included, as
// "[DEBUG] env.NAME: value"; the plugin's own output must not show the password.
assert !log.readLines().findAll { !it.startsWith('[DEBUG] env.') }.any { it.contains('proxy-pass') }

def requests = new File(basedir, 'proxy-requests.log').readLines()
// The AWS SDK sends the ECR API calls as forwarded requests, and Jib tunnels to the registry.
assert requests.any { it.startsWith('FORWARD 127.0.0.1:') } : "proxy requests: ${requests}"
assert requests.any { it.startsWith('CONNECT localhost:') } : "proxy requests: ${requests}"
InvokerBuild.of(basedir).verifyNoSecrets()
return true
