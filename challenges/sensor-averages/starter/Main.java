import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer head = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(head.nextToken());
        long a = Long.parseLong(head.nextToken());
        long b = Long.parseLong(head.nextToken());

        long[] time = new long[n];
        String[] name = new String[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(in.readLine());
            time[i] = Long.parseLong(st.nextToken());
            name[i] = st.nextToken();
            value[i] = Double.parseDouble(st.nextToken());
        }

        StringBuilder out = new StringBuilder();
        // TODO: for every sensor, sorted by name, compute its time-weighted average
        // over [a, b] (or "-") and append "name average\n" to out
        System.out.print(out);
        System.out.flush();
    }
}
