import java.io.*;
import java.util.*;

public class Accepted {
    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        int n = (int) nextLong(in);
        long d = nextLong(in);
        // pack (skill, index) into one long so that sorting is a primitive sort
        long[] seniors = new long[2 * n];
        long[] juniors = new long[2 * n];
        int ns = 0, nj = 0;
        for (int i = 0; i < 2 * n; i++) {
            long s = nextLong(in);
            int role = nextChar(in);
            long key = s * (1L << 20) + (i + 1);   // skill <= 10^9, index < 2^20
            if (role == 'S') seniors[ns++] = key;
            else juniors[nj++] = key;
        }
        if (ns != nj) {
            System.out.println("IMPOSSIBLE");
            return;
        }
        Arrays.sort(seniors, 0, ns);
        Arrays.sort(juniors, 0, nj);
        for (int k = 0; k < n; k++) {
            if (Math.abs((seniors[k] >> 20) - (juniors[k] >> 20)) > d) {
                System.out.println("IMPOSSIBLE");
                return;
            }
        }
        StringBuilder out = new StringBuilder();
        long mask = (1L << 20) - 1;
        for (int k = 0; k < n; k++) {
            out.append(seniors[k] & mask).append(' ').append(juniors[k] & mask).append('\n');
        }
        PrintStream ps = new PrintStream(new BufferedOutputStream(System.out), false);
        ps.print(out);
        ps.flush();
    }

    private static int nextChar(DataInputStream in) throws IOException {
        int c = in.read();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = in.read();
        return c;
    }

    private static long nextLong(DataInputStream in) throws IOException {
        int c = nextChar(in);
        boolean neg = c == '-';
        if (neg) c = in.read();
        long v = 0;
        while (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            c = in.read();
        }
        return neg ? -v : v;
    }
}
