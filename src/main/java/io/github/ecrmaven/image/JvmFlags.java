package io.github.ecrmaven.image;

import io.github.ecrmaven.ConfigurationException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code <container><jvmFlags>}. Each flag becomes one argument of the {@code java} command, so a
 * flag without a leading {@code -} is taken as the main class, and two flags in one element reach the
 * JVM as one invalid option. Both would pass the build and fail only when the container starts.
 */
final class JvmFlags {
  private static final String PARAMETER = "<container><jvmFlags> (ecr.container.jvmFlags)";

  /** Whitespace followed by {@code -}, as in {@code -Xmx64m -Xms32m}. */
  private static final Pattern SECOND_FLAG = Pattern.compile("\\s-");

  private JvmFlags() {}

  /**
   * Rejects a flag that does not start with {@code -}, and one that contains whitespace followed by
   * {@code -}. A value with spaces, such as {@code -Dgreeting=hello world}, stays valid.
   *
   * @throws ConfigurationException naming the flag and the fix
   */
  static void check(List<String> flags) throws ConfigurationException {
    for (String flag : flags) {
      if (flag == null || !flag.startsWith("-")) {
        throw new ConfigurationException("Invalid JVM flag '" + flag + "' in " + PARAMETER + ": a flag starts"
            + " with '-', such as -Xmx512m or -Dname=value. The java command would take '" + flag + "' as the main"
            + " class. Add the '-', or pass program arguments with <container><args>.");
      }
      if (SECOND_FLAG.matcher(flag).find()) {
        throw new ConfigurationException("Invalid JVM flag '" + flag + "' in " + PARAMETER + ": it looks like"
            + " several flags in one, which the JVM would receive as one argument and reject. Give each flag its"
            + " own <jvmFlag> element, or separate them with commas in the property, such as"
            + " -Decr.container.jvmFlags=-Xmx64m,-Xms32m.");
      }
    }
  }
}
