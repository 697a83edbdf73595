package it.overrides;

public final class Main {
  public static void main(String[] args) {
    System.out.println("arguments " + String.join(" ", args) + ", SOURCE=" + System.getenv("SOURCE")
        + ", source=" + System.getProperty("source"));
  }
}
