package io.github.ecrmaven.image;

import java.util.Optional;

/**
 * An image reference and the Basic credential to use for its registry, if any.
 *
 * <p>{@link #toString()} hides the password.
 *
 * @param reference the image reference that Jib connects to, such as {@code registry/repository:tag}
 * @param username the user name, or empty for anonymous access
 * @param password the password, or empty for anonymous access
 * @param configuredReference the reference as the user configured it, for log lines and messages. It differs
 *     from {@code reference} when a registry endpoint override changes the host that Jib connects to.
 */
public record RegistryAccess(
    String reference, Optional<String> username, Optional<String> password, String configuredReference) {

  /** Returns access without credentials. */
  public static RegistryAccess anonymous(String reference) {
    return new RegistryAccess(reference, Optional.empty(), Optional.empty(), reference);
  }

  /** Returns access with a Basic credential. */
  public static RegistryAccess withCredential(String reference, String username, String password) {
    return new RegistryAccess(reference, Optional.of(username), Optional.of(password), reference);
  }

  /** Returns this access with {@code configured} as the reference that messages name. */
  public RegistryAccess withConfiguredReference(String configured) {
    return new RegistryAccess(reference, username, password, configured);
  }

  @Override
  public String toString() {
    return reference + (username.isPresent() ? " (as " + username.get() + ")" : " (anonymous)");
  }
}
