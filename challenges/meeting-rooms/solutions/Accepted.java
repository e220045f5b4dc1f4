import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

public class Accepted {
    private static final DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(System.in, 1 << 16));

    private static long nextLong() throws IOException {
        int c = in.read();
        while (c != '-' && (c < '0' || c > '9')) c = in.read();
        boolean neg = c == '-';
        if (neg) c = in.read();
        long r = 0;
        while (c >= '0' && c <= '9') {
            r = r * 10 + (c - '0');
            c = in.read();
        }
        return neg ? -r : r;
    }

    public static void main(String[] args) throws IOException {
        int n = (int) nextLong();
        long[] s = new long[n];
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = nextLong();
            e[i] = nextLong();
        }
        Arrays.sort(s);
        Arrays.sort(e);
        int rooms = 0, best = 0, j = 0;
        for (int i = 0; i < n; i++) {
            while (e[j] <= s[i]) {
                j++;
                rooms--;
            }
            rooms++;
            best = Math.max(best, rooms);
        }
        System.out.println(best);
    }
}
