import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

// Not called Main: the judge names the file after the public class.
public final class SumOfNumbers {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    int n = Integer.parseInt(in.readLine().trim());
    StringTokenizer tokens = new StringTokenizer(in.readLine());
    long sum = 0;
    for (int i = 0; i < n; i++) sum += Long.parseLong(tokens.nextToken());
    System.out.println(sum);
  }
}
