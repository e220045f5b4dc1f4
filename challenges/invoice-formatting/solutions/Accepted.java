import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Accepted {
    // 12345678 -> "123,456.78"
    static String money(long cents) {
        String whole = Long.toString(cents / 100);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) sb.append(',');
            sb.append(whole.charAt(i));
        }
        long frac = cents % 100;
        return sb.append('.').append((char) ('0' + frac / 10)).append((char) ('0' + frac % 10)).toString();
    }

    static String padLeft(String s, int w) {
        StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < w; i++) sb.append(' ');
        return sb.append(s).toString();
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        StringTokenizer head = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(head.nextToken());
        int w = Integer.parseInt(head.nextToken());
        long r = Long.parseLong(head.nextToken());

        // "price name" identifies an item (integers have no leading zeros)
        Map<String, Integer> index = new HashMap<>(2 * n + 16);
        List<String> names = new ArrayList<>();
        List<Long> prices = new ArrayList<>();
        List<Long> qtys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = in.readLine();
            int a = line.indexOf(' ');
            long q = Long.parseLong(line.substring(0, a));
            String key = line.substring(a + 1);
            Integer j = index.get(key);
            if (j == null) {
                int b = key.indexOf(' ');
                index.put(key, names.size());
                names.add(key.substring(b + 1));
                prices.add(Long.parseLong(key.substring(0, b)));
                qtys.add(q);
            } else {
                qtys.set(j, qtys.get(j) + q);
            }
        }

        long subtotal = 0;
        int qw = 0, uw = 0;
        for (int j = 0; j < names.size(); j++) {
            subtotal += prices.get(j) * qtys.get(j);
            qw = Math.max(qw, Long.toString(qtys.get(j)).length());
            uw = Math.max(uw, money(prices.get(j)).length());
        }
        long vat = subtotal * r / 100;
        long total = subtotal + vat;
        int aw = money(total).length();
        int width = w + qw + uw + aw + 7;

        StringBuilder out = new StringBuilder();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name.length() > w) name = name.substring(0, w - 3) + "...";
            StringBuilder shown = new StringBuilder(name);
            while (shown.length() < w) shown.append(' ');
            out.append(shown).append("  ").append(padLeft(Long.toString(qtys.get(j)), qw)).append(" x ")
               .append(padLeft(money(prices.get(j)), uw)).append("  ")
               .append(padLeft(money(prices.get(j) * qtys.get(j)), aw)).append('\n');
        }
        for (int i = 0; i < width; i++) out.append('-');
        out.append('\n');
        String[] labels = {"Subtotal", "VAT " + r + "%", "Total"};
        long[] values = {subtotal, vat, total};
        for (int i = 0; i < 3; i++) {
            out.append(labels[i]).append(padLeft(money(values[i]), width - labels[i].length())).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
