import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer head = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(head.nextToken());
        long d = Long.parseLong(head.nextToken());

        long[] skill = new long[2 * n];  // skill[i] is the rating of developer i + 1
        char[] role = new char[2 * n];   // 'S' (senior) or 'J' (junior)
        for (int i = 0; i < 2 * n; i++) {
            StringTokenizer st = new StringTokenizer(in.readLine());
            skill[i] = Long.parseLong(st.nextToken());
            role[i] = st.nextToken().charAt(0);
        }

        StringBuilder out = new StringBuilder();
        // TODO: find n valid pairs and append them as "a b\n" (1-based numbers),
        // or append "IMPOSSIBLE\n"
        System.out.print(out);
        System.out.flush();
    }
}
