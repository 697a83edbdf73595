package it.svcb;

public final class Service {
  public static void main(String[] args) {
    System.out.println("svc-b is running");
  }
}
