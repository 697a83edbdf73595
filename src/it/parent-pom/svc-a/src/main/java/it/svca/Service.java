package it.svca;

public final class Service {
  public static void main(String[] args) {
    System.out.println("svc-a is running");
  }
}
