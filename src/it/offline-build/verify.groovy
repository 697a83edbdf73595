import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Only the online build called AWS, for the base image's token; the offline builds called nothing.
def calls = build.apiCallsDuringBuild()
assert calls == ['GetAuthorizationToken'] : "API calls: ${calls}"
def log = build.buildLog()

// The online and the offline build gave the same image.
def cache = new File(basedir, 'base-image-cache').canonicalPath
def digests = (log =~ /Built 123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/it\/offline-build@(sha256:[0-9a-f]{64})/)
    .collect { it[1] }
assert digests.size() == 2 : "build lines: ${digests}"
assert digests[0] == digests[1]
assert log.contains('Offline mode: taking the base image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17'
    + ' (cached as localhost:') : 'no offline line in build.log'
assert log.contains("from the base image cache ${cache}")

// Offline with an empty cache: the message names the base image, the cache and both fixes.
def empty = new File(basedir, 'empty-cache').canonicalPath
assert log.contains('The base image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java17:17 (cached as localhost:')
assert log.contains("is not in the base image cache ${empty}, and offline mode (-o) fetches nothing. Run ecr:build"
    + ' once without -o to cache it (with the same <baseImageCache>), or set <from><image> to an image that is'
    + ' already in the cache.')

// A file as the cache directory fails as a configuration problem.
def pom = new File(basedir, 'pom.xml').canonicalPath
assert log.contains("Invalid <baseImageCache> (ecr.baseImageCache) '${pom}': it is a file, not a directory.")
build.verifyNoSecrets()
return true
