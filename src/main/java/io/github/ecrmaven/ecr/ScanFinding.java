package io.github.ecrmaven.ecr;

/**
 * One finding of an image scan, reduced to what the summary shows.
 *
 * @param name the vulnerability ID, such as {@code CVE-2024-1234}, or the finding's title
 * @param packageName the affected package with its version, such as {@code openssl 3.0.2}, or empty when
 *     the scan does not name one
 * @param severity the severity
 */
public record ScanFinding(String name, String packageName, ScanSeverity severity) {}
