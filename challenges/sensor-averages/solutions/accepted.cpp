#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long a, b;
    if (scanf("%d %lld %lld", &n, &a, &b) != 3) return 1;
    // name -> readings (time, value)
    map<string, vector<pair<long long, double>>> readings;  // sorted by name (ASCII)
    char name[64];
    for (int i = 0; i < n; i++) {
        long long t;
        double v;
        if (scanf("%lld %63s %lf", &t, name, &v) != 3) return 1;
        readings[name].push_back({t, v});
    }
    string out;
    char buf[128];
    for (auto& [sensor, rs] : readings) {
        sort(rs.begin(), rs.end());
        long long start = max(a, rs[0].first);
        if (start >= b) {
            out += sensor + " -\n";
            continue;
        }
        double integral = 0;
        for (size_t j = 0; j < rs.size() && rs[j].first < b; j++) {
            long long end = j + 1 < rs.size() ? rs[j + 1].first : b;
            long long lo = max(rs[j].first, a), hi = min(end, b);
            if (hi > lo) integral += rs[j].second * (double)(hi - lo);
        }
        snprintf(buf, sizeof buf, " %.9f\n", integral / (double)(b - start));
        out += sensor + buf;
    }
    fwrite(out.data(), 1, out.size(), stdout);
}
