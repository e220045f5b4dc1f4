import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Main {
    // start[i], end[i]: meeting i occupies [start[i], end[i]).
    static int minRooms(int n, long[] start, long[] end) {
        // TODO: return the minimum number of rooms needed.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        int n = Integer.parseInt(in.readLine().trim());
        long[] start = new long[n];
        long[] end = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(in.readLine());
            start[i] = Long.parseLong(st.nextToken());
            end[i] = Long.parseLong(st.nextToken());
        }
        System.out.println(minRooms(n, start, end));
    }
}
