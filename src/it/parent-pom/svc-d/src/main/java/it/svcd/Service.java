package it.svcd;

public final class Service {
  public static void main(String[] args) {
    System.out.println("svc-d is running");
  }
}
