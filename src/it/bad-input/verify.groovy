import io.github.ecrmaven.testing.InvokerBuild

def build = InvokerBuild.of(basedir)
// Every bad input is caught before the first AWS call.
assert build.apiCallsDuringBuild().isEmpty() : "API calls: ${build.apiCallsDuringBuild()}"

def log = build.buildLog()
def expected = [
    "Invalid ECR repository name 'Team/App' in <repository> (ecr.repository): it contains uppercase letters",
    "Invalid ECR repository name 'a' in <repository> (ecr.repository): it is shorter than 2 characters",
    "Invalid ECR repository name 'team//app' in <repository> (ecr.repository): it has the separators '//' in a row",
    "Invalid ECR repository name '-team/app' in <repository> (ecr.repository): its part '-team' starts or ends with a separator",
    "Invalid image tag 'bad:tag' in <to><tags> (ecr.to.tags): it contains ':'",
    "Invalid image tag '.hidden' in <to><tags> (ecr.to.tags): it starts with '.'",
    "in <to><tags> (ecr.to.tags): it is 129 characters long, more than 128",
    "Invalid ECR repository name 'Team' in <to><image> (ecr.to.image): it contains uppercase letters",
    "Unsupported <to><image> (ecr.to.image) 'public.ecr.aws/team/app': public.ecr.aws is ECR Public",
    "Invalid <to><image> (ecr.to.image) 'docker.io/library/app': 'docker.io' is not a private ECR registry host",
    "Conflicting regions: <region> (ecr.region) is 'us-east-1' but the registry in <to><image> is in 'eu-west-1'",
    "Invalid <region> (ecr.region) 'europe-west'",
    "Invalid <endpoint> (ecr.endpoint) 'ftp://127.0.0.1/'",
    "Invalid <endpoint> (ecr.endpoint) 'http://127.0.0.1:99999': the port 99999 is not between 1 and 65535",
    "Invalid <registryId> (ecr.registryId) '12345'",
    "Invalid <registryEndpoint> (ecr.registryEndpoint) 'bad_host:x'",
    "Invalid <aws><roleArn> (ecr.aws.roleArn) 'not-an-arn'",
    "<aws><externalId> and <aws><roleSessionName> apply only to an assumed role",
    "AWS profile 'no-such-profile' from <aws><profile> (ecr.aws.profile) not found",
    "Invalid <imageTagMutability> (ecr.imageTagMutability) 'SOMETIMES'",
    "<imageTagMutabilityExclusionFilters> (ecr.imageTagMutabilityExclusionFilters) apply only with",
    "<imageTagMutability> IMMUTABLE_WITH_EXCLUSION needs at least one filter",
    "Invalid <encryptionType> (ecr.encryptionType) 'RSA'",
    "<kmsKey> (ecr.kmsKey) 'alias/team' needs <encryptionType> KMS or KMS_DSSE, not AES256",
    "missing-policy.json from <lifecyclePolicy> (ecr.lifecyclePolicy) not found",
    "Invalid JSON in <lifecyclePolicy> (ecr.lifecyclePolicy)",
    "<repositoryPolicy> (ecr.repositoryPolicy)",
    "Invalid <repositoryCreation> (ecr.repositoryCreation) 'sometimes'",
    "Invalid port '80000' in <container><ports> (ecr.container.ports)",
    "Invalid environment variable name '1BAD' in <container><environment> (ecr.container.environment)",
    "Invalid <container><mainClass> (ecr.container.mainClass) '1bad.Main'",
    "Invalid <from><image> (ecr.from.image) 'Bad::Reference'",
    "Invalid <container><creationTime> (ecr.container.creationTime) 'yesterday'",
    "Invalid <container><format> (ecr.container.format) 'tar'",
    "Invalid <container><user> (ecr.container.user) 'a:b:c'",
    "Invalid value 'maybe' for -Decr.pushAtEnd: use true or false",
    "Invalid <scan><timeout> (ecr.scan.timeout) '-5'",
    "Invalid <scan><failOnSeverity> (ecr.scan.failOnSeverity) 'SEVERE'",
    "Invalid mode '999' in <extraDirectories><fileMode> (ecr.extraDirectories.fileMode)",
    "Invalid label key 'cost center' in <container><labels> (ecr.container.labels): a key must not contain whitespace",
    "ecr:push cannot run in offline mode (-o)",
    "goes into '/tmp/app' from <extraDirectories><paths><path><into> (ecr.extraDirectories.paths), so the image"
        + " would get /tmp with mode 755, owned by root",
    "No class with a main method found in",
    "src/main/links from <extraDirectories><paths><path><from> (ecr.extraDirectories.paths) contains the symbolic"
        + " link ",
    "Invalid JVM flag '-Xmx64m -Xms32m' in <container><jvmFlags> (ecr.container.jvmFlags): it looks like several"
        + " flags in one",
    "If '2' belongs to the value of A, set it in the POM, such as <container><environment><A>1,2</A></environment>",
    "Invalid port '9002-9000' in <container><ports> (ecr.container.ports): the range starts above its end",
    "Invalid mode '1777' in <extraDirectories><directoryMode> (ecr.extraDirectories.directoryMode): the first of four"
        + " digits sets the setuid, setgid and sticky bits",
    "Invalid volume '/' in <container><volumes> (ecr.container.volumes): the root directory cannot be a volume",
]
def missing = expected.findAll { !log.contains(it) }
assert missing.isEmpty() : "messages not in build.log: ${missing}"
// One failure per bad input, and no other: the first build only packages the project.
def failures = log.readLines().count { it.startsWith('[ERROR] Failed to execute goal') }
assert failures == expected.size() : "${failures} failed builds for ${expected.size()} bad inputs"
assert !new File(basedir, 'target/ecr-image.json').exists()
build.verifyNoSecrets()
return true
