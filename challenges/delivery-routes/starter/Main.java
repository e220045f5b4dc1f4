import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringTokenizer;

public class Main {
    // adj.get(u) holds {v, w}: a one-way road u -> v taking w minutes.
    // Use long: distances can exceed the int range.
    static long[] shortestDistances(int n, List<List<long[]>> adj) {
        long[] dist = new long[n + 1];
        Arrays.fill(dist, -1);
        // TODO: fill dist[1..n] with the shortest travel time from depot 1,
        // leaving -1 for nodes that cannot be reached.
        return dist;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer st = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(st.nextToken());
        int m = Integer.parseInt(st.nextToken());
        List<List<long[]>> adj = new ArrayList<>();
        for (int i = 0; i <= n; i++) adj.add(new ArrayList<>());
        for (int i = 0; i < m; i++) {
            st = new StringTokenizer(in.readLine());
            int u = Integer.parseInt(st.nextToken());
            int v = Integer.parseInt(st.nextToken());
            long w = Long.parseLong(st.nextToken());
            adj.get(u).add(new long[] {v, w});
        }
        long[] dist = shortestDistances(n, adj);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(dist[i]).append('\n');
        System.out.print(sb);
    }
}
