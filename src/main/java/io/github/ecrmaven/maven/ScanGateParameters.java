package io.github.ecrmaven.maven;

import io.github.ecrmaven.ConfigurationException;
import io.github.ecrmaven.ecr.ScanGateSettings;
import org.apache.maven.plugin.logging.Log;

/** Resolves the {@code <scan>} parameter into the scan gate settings, before any AWS call. */
final class ScanGateParameters {
  private ScanGateParameters() {}

  /**
   * Resolves and validates {@code <scan>} with its {@code ecr.scan.*} properties. Every value is checked, even
   * when the gate is off, and a value set for a gate that is off gets a warning.
   *
   * @throws ConfigurationException naming the element, the property, the value and the fix
   */
  static ScanGateSettings settings(ParameterLookup lookup, ScanParameters scan, Log log) throws ConfigurationException {
    ScanParameters parameters = scan == null ? new ScanParameters() : scan;
    boolean wait;
    try {
      wait = lookup.bool("ecr.scan.wait", parameters.wait, false);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("Invalid <scan><wait> (ecr.scan.wait) '"
          + lookup.string("ecr.scan.wait", null, "") + "': use true to wait for the image scan, or false.", e);
    }
    String timeout = lookup.string("ecr.scan.timeout", parameters.timeout, null);
    String failOnSeverity = lookup.string("ecr.scan.failOnSeverity", parameters.failOnSeverity, null);
    ScanGateSettings settings = ScanGateSettings.of(wait, timeout, failOnSeverity);
    if (!wait && (timeout != null || failOnSeverity != null)) {
      log.warn("<scan><timeout> or <scan><failOnSeverity> is set, but <scan><wait> (ecr.scan.wait) is false, so"
          + " the scan gate is off. Set ecr.scan.wait to true to wait for the image scan.");
    }
    return settings;
  }

  /**
   * Checks {@code <scan><failOnSeverity>} alone, which takes one of a fixed set of values.
   *
   * @throws ConfigurationException naming the element, the property, the value and the accepted values
   */
  static void checkFailOnSeverity(ParameterLookup lookup, ScanParameters scan) throws ConfigurationException {
    ScanParameters parameters = scan == null ? new ScanParameters() : scan;
    ScanGateSettings.of(false, null, lookup.string("ecr.scan.failOnSeverity", parameters.failOnSeverity, null));
  }
}
