#include <bits/stdc++.h>
using namespace std;

// adj[u] holds {v, w}: a one-way road u -> v taking w minutes.
// Use long long: distances can exceed the int range.
vector<long long> shortestDistances(int n, const vector<vector<pair<int, long long>>>& adj) {
    vector<long long> dist(n + 1, -1);
    // TODO: fill dist[1..n] with the shortest travel time from depot 1,
    // leaving -1 for nodes that cannot be reached.
    (void)adj;
    return dist;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<vector<pair<int, long long>>> adj(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v;
        long long w;
        cin >> u >> v >> w;
        adj[u].push_back({v, w});
    }
    vector<long long> dist = shortestDistances(n, adj);
    for (int i = 1; i <= n; i++) cout << dist[i] << '\n';
    return 0;
}
