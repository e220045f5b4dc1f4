#include <bits/stdc++.h>
using namespace std;

// meetings[i] = {start, end}: meeting i occupies [start, end).
int minRooms(const vector<pair<long long, long long>>& meetings) {
    // TODO: return the minimum number of rooms needed.
    (void)meetings;
    return 0;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<long long, long long>> meetings(n);
    for (auto& m : meetings) cin >> m.first >> m.second;
    cout << minRooms(meetings) << '\n';
    return 0;
}
