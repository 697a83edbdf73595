def build = io.github.ecrmaven.testing.InvokerBuild.of(basedir)
build.copyExampleSources('hello-service')
// An extra directory with a symbolic link whose target is missing.
def links = new File(basedir, 'src/main/links')
links.mkdirs()
java.nio.file.Files.createSymbolicLink(new File(links, 'dangling').toPath(), java.nio.file.Path.of('missing.txt'))
build.recordApiCallsBeforeBuild()
return true
