package io.github.ecrmaven.image;

import java.util.Optional;

/**
 * An image reference and the Basic credential to use for its registry, if any.
 *
 * <p>{@link #toString()} hides the password.
 *
 * @param reference the image reference, such as {@code registry/repository:tag}
 * @param username the user name, or empty for anonymous access
 * @param password the password, or empty for anonymous access
 */
public record RegistryAccess(String reference, Optional<String> username, Optional<String> password) {

  /** Returns access without credentials. */
  public static RegistryAccess anonymous(String reference) {
    return new RegistryAccess(reference, Optional.empty(), Optional.empty());
  }

  /** Returns access with a Basic credential. */
  public static RegistryAccess withCredential(String reference, String username, String password) {
    return new RegistryAccess(reference, Optional.of(username), Optional.of(password));
  }

  @Override
  public String toString() {
    return reference + (username.isPresent() ? " (as " + username.get() + ")" : " (anonymous)");
  }
}
