#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long d;
    if (scanf("%d %lld", &n, &d) != 2) return 1;
    vector<pair<long long, int>> seniors, juniors;
    for (int i = 0; i < 2 * n; i++) {
        long long s;
        char r[4];
        if (scanf("%lld %3s", &s, r) != 2) return 1;
        (r[0] == 'S' ? seniors : juniors).push_back({s, i + 1});
    }
    if (seniors.size() != juniors.size()) {
        puts("IMPOSSIBLE");
        return 0;
    }
    // If any valid pairing exists, pairing the k-th weakest senior with the
    // k-th weakest junior is also valid (exchange argument).
    sort(seniors.begin(), seniors.end());
    sort(juniors.begin(), juniors.end());
    for (int k = 0; k < n; k++) {
        if (llabs(seniors[k].first - juniors[k].first) > d) {
            puts("IMPOSSIBLE");
            return 0;
        }
    }
    string out;
    for (int k = 0; k < n; k++) out += to_string(seniors[k].second) + " " + to_string(juniors[k].second) + "\n";
    fwrite(out.data(), 1, out.size(), stdout);
}
