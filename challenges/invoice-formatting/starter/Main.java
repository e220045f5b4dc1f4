import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer head = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(head.nextToken());
        int w = Integer.parseInt(head.nextToken());
        int r = Integer.parseInt(head.nextToken());

        long[] qty = new long[n];
        long[] price = new long[n];     // in cents
        String[] name = new String[n];  // may contain spaces
        for (int i = 0; i < n; i++) {
            String line = in.readLine();
            int a = line.indexOf(' ');
            int b = line.indexOf(' ', a + 1);
            qty[i] = Long.parseLong(line.substring(0, a));
            price[i] = Long.parseLong(line.substring(a + 1, b));
            name[i] = line.substring(b + 1);
        }

        StringBuilder out = new StringBuilder();
        // TODO: merge equal items, lay out the invoice and append its lines to out
        System.out.print(out);
        System.out.flush();
    }
}
