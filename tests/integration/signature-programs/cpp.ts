import { cppCodegen } from '../../../server/src/signatures/codegen/cpp.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = cppCodegen;

// Written as candidates often write C++: bits/stdc++.h, using namespace std, #define int long long.
const GRID = (body: string) => `#include <bits/stdc++.h>
using namespace std;

long long grid_sum(vector<vector<long long>> grid) {
    long long sum = 0;
    for (const auto &row : grid)
        for (long long cell : row) sum += cell;
${body}}
`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `#include <algorithm>
#include <vector>

struct Interval {
    int start;
    int end;
};

std::vector<Interval> merge_intervals(std::vector<Interval> intervals) {
    std::sort(intervals.begin(), intervals.end(), [](const Interval &a, const Interval &b) { return a.start < b.start; });
    std::vector<Interval> merged;
    for (const Interval &i : intervals) {
        if (!merged.empty() && i.start <= merged.back().end) merged.back().end = std::max(merged.back().end, i.end);
        else merged.push_back(i);
    }
    return merged;
}
`,
    grid: GRID('    return sum;\n'),
    mean: `#include <bits/stdc++.h>
#define int long long
using namespace std;

optional<double> mean_of(map<string, vector<int>> lists, optional<string> key) {
    if (!key || !lists.count(*key) || lists[*key].empty()) return nullopt;
    const vector<int> &values = lists[*key];
    return (double)accumulate(values.begin(), values.end(), 0LL) / values.size();
}

signed unused_helper() { return 0; }
`,
    echo: `#include <map>
#include <optional>
#include <string>
#include <vector>

struct Bundle {
    long long big;
    int small;
    double ratio;
    bool flag;
    std::string text;
    std::vector<std::string> words;
    std::map<std::string, int> table;
    std::optional<std::vector<double>> maybe;
};

Bundle echo_all(Bundle values) {
    return values;
}
`,
  },
  wrongGrid: GRID('    return sum + 1;\n'),
  throwingGrid: GRID('    throw runtime_error("no");\n'),
  printingGrid: GRID('    cout << "debug" << endl;\n    printf("partial");\n    return sum;\n'),
  forgingGrid: GRID('    cout << "00000000000000000000000000000000 999" << endl;\n    exit(0);\n'),
};
