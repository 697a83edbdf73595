package it.one;

public final class AppOne {
  public static void main(String[] args) {
    System.out.println("app-one is running");
  }
}
