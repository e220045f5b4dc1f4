#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<long long> s(n), e(n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &s[i], &e[i]);
    sort(s.begin(), s.end());
    sort(e.begin(), e.end());
    int rooms = 0, best = 0, j = 0;
    for (int i = 0; i < n; i++) {
        while (e[j] <= s[i]) { j++; rooms--; }
        rooms++;
        best = max(best, rooms);
    }
    printf("%d\n", best);
    return 0;
}
