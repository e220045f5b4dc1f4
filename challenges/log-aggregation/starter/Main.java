import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

public class Main {
    static final class Entry {
        final String timestamp; // e.g. 2024-03-01T09:00:01Z
        final String target;    // e.g. /api/users?id=42
        final int status;
        final int latency;

        Entry(String timestamp, String target, int status, int latency) {
            this.timestamp = timestamp;
            this.target = target;
            this.status = status;
            this.latency = latency;
        }
    }

    // Returns the output lines, one "endpoint count errors p95" per endpoint,
    // sorted by endpoint.
    static List<String> aggregate(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        // TODO: aggregate the entries.
        return lines;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        int n = Integer.parseInt(in.readLine().trim());
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(in.readLine());
            String timestamp = st.nextToken();
            String target = st.nextToken();
            int status = Integer.parseInt(st.nextToken());
            int latency = Integer.parseInt(st.nextToken());
            entries.add(new Entry(timestamp, target, status, latency));
        }
        StringBuilder sb = new StringBuilder();
        for (String line : aggregate(entries)) sb.append(line).append('\n');
        System.out.print(sb);
    }
}
