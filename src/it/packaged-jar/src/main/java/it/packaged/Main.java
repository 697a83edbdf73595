package it.packaged;

import org.apache.commons.lang3.StringUtils;

/** Prints where its class was loaded from and uses its dependency. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("loaded from " + Main.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    System.out.println("dependency says " + StringUtils.capitalize("packaged"));
  }
}
