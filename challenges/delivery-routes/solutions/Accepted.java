import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;

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
        int m = (int) nextLong();
        // adjacency in compressed (CSR) form
        int[] from = new int[m], to = new int[m];
        long[] wt = new long[m];
        int[] start = new int[n + 2];
        for (int i = 0; i < m; i++) {
            from[i] = (int) nextLong();
            to[i] = (int) nextLong();
            wt[i] = nextLong();
            start[from[i] + 1]++;
        }
        for (int i = 1; i <= n + 1; i++) start[i] += start[i - 1];
        int[] pos = Arrays.copyOf(start, n + 2);
        int[] adjTo = new int[m];
        long[] adjW = new long[m];
        for (int i = 0; i < m; i++) {
            int p = pos[from[i]]++;
            adjTo[p] = to[i];
            adjW[p] = wt[i];
        }
        long[] dist = new long[n + 1];
        Arrays.fill(dist, Long.MAX_VALUE);
        dist[1] = 0;
        PriorityQueue<long[]> pq = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        pq.add(new long[] {0, 1});
        while (!pq.isEmpty()) {
            long[] top = pq.poll();
            long d = top[0];
            int u = (int) top[1];
            if (d > dist[u]) continue;
            for (int p = start[u]; p < start[u + 1]; p++) {
                int v = adjTo[p];
                long nd = d + adjW[p];
                if (nd < dist[v]) {
                    dist[v] = nd;
                    pq.add(new long[] {nd, v});
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(dist[i] == Long.MAX_VALUE ? -1 : dist[i]).append('\n');
        }
        System.out.print(sb);
    }
}
