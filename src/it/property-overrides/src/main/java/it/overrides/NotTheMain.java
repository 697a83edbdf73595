package it.overrides;

public final class NotTheMain {
  public static void main(String[] args) {
    System.out.println("the POM's main class ran");
  }
}
