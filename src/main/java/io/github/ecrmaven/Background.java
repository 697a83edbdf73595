package io.github.ecrmaven;

/**
 * Runs work that overlaps the goal's main thread on a daemon thread of its own. The thread gets the
 * caller's context class loader, so that libraries that look up their parts through it find them inside
 * Maven's plugin class realm.
 */
public final class Background {
  private Background() {}

  /** Starts {@code work} on a new daemon thread named {@code name}, and returns the thread at once. */
  public static Thread run(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
