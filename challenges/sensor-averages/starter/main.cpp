#include <bits/stdc++.h>
using namespace std;

struct Reading {
    long long time;
    string name;
    double value;
};

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);

    int n;
    long long a, b;
    cin >> n >> a >> b;
    vector<Reading> readings(n);
    for (auto& r : readings) cin >> r.time >> r.name >> r.value;

    // TODO: for every sensor, sorted by name, compute its time-weighted average
    // over [a, b] (or "-") and print "name average" with 9 decimals
    (void)a;
    (void)b;
    return 0;
}
