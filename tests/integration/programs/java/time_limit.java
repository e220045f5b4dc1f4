import java.util.Scanner;

public class Main {
  public static void main(String[] args) {
    Scanner in = new Scanner(System.in);
    int n = in.nextInt();
    long sum = 0;
    for (int i = 0; i < n; i++) sum += in.nextLong();
    while (true) sum = (sum * 31 + 7) % 1000003;
  }
}
