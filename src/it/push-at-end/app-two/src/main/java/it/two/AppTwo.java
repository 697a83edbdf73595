package it.two;

public final class AppTwo {
  public static void main(String[] args) {
    System.out.println("app-two is running");
  }
}
