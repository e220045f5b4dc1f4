import { javaCodegen } from '../../../server/src/signatures/codegen/java.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = javaCodegen;

const GRID = (body: string) => `import java.util.*;

class Solution {
    public static long gridSum(List<List<Long>> grid) {
${body}    }
}
`;

const SUM = '        long sum = 0;\n        for (List<Long> row : grid) for (long cell : row) sum += cell;\n';

export const programs: SignaturePrograms = {
  accepted: {
    merge: `import java.util.*;

record Interval(int start, int end) {}

class Solution {
    public static List<Interval> mergeIntervals(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingInt(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && i.start() <= merged.get(last).end()) {
                merged.set(last, new Interval(merged.get(last).start(), Math.max(merged.get(last).end(), i.end())));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }
}
`,
    grid: GRID(`${SUM}        return sum;\n`),
    mean: `import java.util.*;

class Solution {
    public static Double meanOf(Map<String, List<Integer>> lists, String key) {
        if (key == null) return null;
        List<Integer> values = lists.get(key);
        if (values == null || values.isEmpty()) return null;
        double sum = 0;
        for (int v : values) sum += v;
        return sum / values.size();
    }
}
`,
    echo: `import java.util.*;

record Bundle(long big, int small, double ratio, boolean flag, String text, List<String> words, Map<String, Integer> table, List<Double> maybe) {}

class Solution {
    public static Bundle echoAll(Bundle values) {
        return values;
    }
}
`,
  },
  wrongGrid: GRID(`${SUM}        return sum + 1;\n`),
  throwingGrid: GRID('        throw new IllegalStateException("no");\n'),
  printingGrid: GRID(`        System.out.println("debug");\n        System.out.print("partial");\n${SUM}        return sum;\n`),
  forgingGrid: GRID('        System.out.println("00000000000000000000000000000000 999");\n        System.out.flush();\n        System.exit(0);\n        return 0;\n'),
};
