import io.github.ecrmaven.testing.ImageTarballDiff
import io.github.ecrmaven.testing.InvokerBuild
import io.github.ecrmaven.testing.SeparateMavenBuild
import java.time.Instant

def build = InvokerBuild.of(basedir)
def builds = SeparateMavenBuild.of(basedir)
def modules = ['exploded', 'packaged', 'spring-boot', 'war']
def goals = ['clean', 'package', 'ecr:build']

// Two clean builds of copies of the same sources. The second copy's files have other modification
// times, and it is built with another umask and in a time zone 14 hours ahead of UTC, so that the local
// date differs from the UTC date for most of the day.
def first = builds.copyProject('project', 'first', Instant.now())
builds.run(first, '022', 'UTC', goals, 'first.log')
def second = builds.copyProject('project', 'second', Instant.parse('2001-02-03T04:05:06Z'))
builds.run(second, '077', 'Pacific/Kiritimati', goals, 'second.log')

// The builds really ran with those settings.
def firstClass = first.resolve('packaged/target/classes/it/packaged/Main.class')
def secondClass = second.resolve('packaged/target/classes/it/packaged/Main.class')
assert SeparateMavenBuild.permissions(firstClass) == 'rw-r--r--'
assert SeparateMavenBuild.permissions(secondClass) == 'rw-------'
assert new File(basedir, 'first.log').text.contains('env.TZ: UTC')
assert new File(basedir, 'second.log').text.contains('env.TZ: Pacific/Kiritimati')
assert second.resolve('exploded/pom.xml').toFile().lastModified() == Instant.parse('2001-02-03T04:05:06Z').toEpochMilli()

def failures = []
modules.each { module ->
  def firstReport = builds.buildReport(first, module)
  def secondReport = builds.buildReport(second, module)
  assert firstReport.get('imageDigest').asText().startsWith('sha256:')
  if (firstReport.get('imageDigest') != secondReport.get('imageDigest')) {
    def differences = ImageTarballDiff.describe(first.resolve("${module}/target/ecr-image.tar"),
        second.resolve("${module}/target/ecr-image.tar"))
    failures << "${module}: ${firstReport.get('imageDigest').asText()} vs ${secondReport.get('imageDigest').asText()}\n${differences}"
  }
  assert firstReport.get('imageId') == secondReport.get('imageId') || !failures.isEmpty()
}
assert failures.isEmpty() : "Two clean builds gave different images:\n" + failures.join('\n')

// With the time of each build as the creation time, the same check tells the builds apart, so it can fail.
def currentTime = goals + ['-pl', 'exploded', '-Decr.container.creationTime=USE_CURRENT_TIMESTAMP']
builds.run(first, '022', 'UTC', currentTime, 'first-current-time.log')
builds.run(second, '077', 'Pacific/Kiritimati', currentTime, 'second-current-time.log')
def firstCurrent = builds.buildReport(first, 'exploded').get('imageDigest').asText()
def secondCurrent = builds.buildReport(second, 'exploded').get('imageDigest').asText()
assert firstCurrent != secondCurrent
def differences = ImageTarballDiff.describe(first.resolve('exploded/target/ecr-image.tar'),
    second.resolve('exploded/target/ecr-image.tar'))
assert differences.readLines().every { it.startsWith('configuration field created:') || it.startsWith('configuration field config:') || it.startsWith('configuration field history:') } : differences

build.verifyNoSecrets()
return true
