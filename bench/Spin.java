// Two threads of plain Java arithmetic against one: does the machine scale at all? Run: java bench/Spin.java
public class Spin {
  static double work(long n) { double x = 0; for (long i = 0; i < n; i++) { x += Math.sqrt(i ^ (x > 1e9 ? 1 : 0)); } return x; }
  public static void main(String[] a) throws Exception {
    long n = 400_000_000L;
    work(10_000_000);
    for (int threads : new int[]{1, 2, 1, 2}) {
      Thread[] ts = new Thread[threads];
      long t0 = System.nanoTime();
      for (int i = 0; i < threads; i++) { ts[i] = new Thread(() -> System.out.print(work(n) > 0 ? "" : "")); ts[i].start(); }
      for (Thread t : ts) t.join();
      System.out.printf("%d threads, same work each: %.2f s%n", threads, (System.nanoTime() - t0) / 1e9);
    }
  }
}
