import java.io.*;
import java.util.*;

public class Accepted {
    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        int n = Integer.parseInt(next(in));
        long a = Long.parseLong(next(in));
        long b = Long.parseLong(next(in));
        // TreeMap on String sorts by UTF-16 code units = ASCII order here
        TreeMap<String, List<double[]>> readings = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long t = Long.parseLong(next(in));
            String name = next(in);
            double v = Double.parseDouble(next(in));
            readings.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {t, v});
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<double[]>> e : readings.entrySet()) {
            List<double[]> rs = e.getValue();
            rs.sort((x, y) -> Double.compare(x[0], y[0]));  // times <= 10^9 are exact in a double
            long start = Math.max(a, (long) rs.get(0)[0]);
            out.append(e.getKey());
            if (start >= b) {
                out.append(" -\n");
                continue;
            }
            double integral = 0;
            for (int j = 0; j < rs.size() && (long) rs.get(j)[0] < b; j++) {
                long t = (long) rs.get(j)[0];
                long end = j + 1 < rs.size() ? (long) rs.get(j + 1)[0] : b;
                long lo = Math.max(t, a), hi = Math.min(end, b);
                if (hi > lo) integral += rs.get(j)[1] * (hi - lo);
            }
            out.append(' ').append(fixed9(integral / (b - start))).append('\n');
        }
        PrintStream ps = new PrintStream(new BufferedOutputStream(System.out), false);
        ps.print(out);
        ps.flush();
    }

    // x with 9 decimals; |x| <= 10^4, so x * 10^9 fits in a long
    private static String fixed9(double x) {
        long scaled = Math.round(Math.abs(x) * 1e9);
        String frac = Long.toString(scaled % 1000000000L);
        return (x < 0 && scaled != 0 ? "-" : "") + (scaled / 1000000000L) + "." + "000000000".substring(frac.length()) + frac;
    }

    private static String next(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = in.read();
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') c = in.read();
        while (c != -1 && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            sb.append((char) c);
            c = in.read();
        }
        return sb.toString();
    }
}
