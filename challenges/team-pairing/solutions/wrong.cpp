// Wrong: greedy in input order. Each senior takes the closest free junior
// (the weaker one on ties); it answers IMPOSSIBLE as soon as the closest one
// is too far away, which misses pairings that need a different choice.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    long long d;
    if (scanf("%d %lld", &n, &d) != 2) return 1;
    vector<long long> skill(2 * n);
    vector<char> role(2 * n);
    multiset<pair<long long, int>> juniors;
    int seniors = 0;
    for (int i = 0; i < 2 * n; i++) {
        char r[4];
        scanf("%lld %3s", &skill[i], r);
        role[i] = r[0];
        if (r[0] == 'J') juniors.insert({skill[i], i});
        else seniors++;
    }
    if (seniors != n) {
        puts("IMPOSSIBLE");
        return 0;
    }
    string out;
    for (int i = 0; i < 2 * n; i++) {
        if (role[i] != 'S') continue;
        auto hi = juniors.lower_bound({skill[i], -1});
        auto best = juniors.end();
        if (hi != juniors.end()) best = hi;
        if (hi != juniors.begin()) {
            auto lo = prev(hi);
            if (best == juniors.end() || skill[i] - lo->first <= best->first - skill[i]) best = lo;
        }
        if (llabs(best->first - skill[i]) > d) {
            puts("IMPOSSIBLE");
            return 0;
        }
        out += to_string(i + 1) + " " + to_string(best->second + 1) + "\n";
        juniors.erase(best);
    }
    fputs(out.c_str(), stdout);
}
