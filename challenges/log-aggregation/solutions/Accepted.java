import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Accepted {
    static final class Stats {
        int errors;
        int count;
        int[] latencies = new int[4];

        void add(int latency, boolean error) {
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = latency;
            if (error) errors++;
        }
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        int n = Integer.parseInt(in.readLine().trim());
        Map<String, Stats> stats = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String[] f = in.readLine().trim().split("\\s+");
            String target = f[1];
            int q = target.indexOf('?');
            String endpoint = q < 0 ? target : target.substring(0, q);
            int status = Integer.parseInt(f[2]);
            int latency = Integer.parseInt(f[3]);
            stats.computeIfAbsent(endpoint, k -> new Stats()).add(latency, status >= 500);
        }
        // The endpoints are ASCII, so String order (UTF-16 code units) is byte order.
        List<String> keys = new ArrayList<>(stats.keySet());
        keys.sort(null);
        StringBuilder sb = new StringBuilder();
        for (String endpoint : keys) {
            Stats st = stats.get(endpoint);
            int[] lat = Arrays.copyOf(st.latencies, st.count);
            Arrays.sort(lat);
            long rank = (95L * st.count + 99) / 100; // nearest rank: ceil(0.95 * count)
            sb.append(endpoint).append(' ').append(st.count).append(' ').append(st.errors)
              .append(' ').append(lat[(int) rank - 1]).append('\n');
        }
        System.out.print(sb);
    }
}
