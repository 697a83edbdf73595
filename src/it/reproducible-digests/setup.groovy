// The applications of the other invoker builds, one module per containerizing mode.
def build = io.github.ecrmaven.testing.InvokerBuild.of(basedir)
build.copyExampleSources('hello-service', 'project/exploded')
build.copyInvokerProjectSources('packaged-jar', 'project/packaged')
build.copyInvokerProjectSources('spring-boot-web', 'project/spring-boot')
build.copyInvokerProjectSources('war-tomcat', 'project/war')
return true
