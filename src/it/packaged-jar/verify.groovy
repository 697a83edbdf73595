import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
def log = build.buildLog()

// The first build failed on the missing jar, with the fix.
def jar = new File(basedir, 'target/packaged-jar-1.0.0.jar').absolutePath
assert log.contains("The project's jar ${jar} is missing, and <containerizingMode> (ecr.containerizingMode)"
    + " 'packaged' puts it into the image.") : 'no missing-jar message in build.log'

// The second build pushed the jar and its dependency, and the image runs from the jar.
def config = build.verifyPushed('.', ['1.0.0']).get('config')
def entrypoint = config.get('Entrypoint').collect { it.asText() }
assert entrypoint == ['java', '-cp', '/app/packaged-jar-1.0.0.jar:/app/libs/*', 'it.packaged.Main'] : "entrypoint ${entrypoint}"

def report = build.pushReport('.')
def output = build.runImage(report.get('image').asText() + ':1.0.0')
assert output.readLines().contains('loaded from /app/packaged-jar-1.0.0.jar') : "container output: ${output}"
assert output.readLines().contains('dependency says Packaged') : "container output: ${output}"
return true
