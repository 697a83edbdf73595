package io.github.ecrmaven.localecr;

/**
 * A vulnerability finding that a test gives the local ECR for an image, reported in the basic shape
 * ({@code findings}) or the enhanced one ({@code enhancedFindings}), as the registry's scan type decides.
 *
 * @param vulnerabilityId such as {@code CVE-2024-1234}
 * @param severity {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code INFORMATIONAL} or
 *     {@code UNDEFINED}, or {@code UNTRIAGED} for enhanced scanning
 * @param packageName the vulnerable package, such as {@code openssl}
 * @param packageVersion its version, such as {@code 3.0.2}
 */
public record LocalScanFinding(String vulnerabilityId, String severity, String packageName, String packageVersion) {}
