package it.svcc;

public final class Service {
  public static void main(String[] args) {
    System.out.println("svc-c is running");
  }
}
