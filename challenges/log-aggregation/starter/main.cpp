#include <bits/stdc++.h>
using namespace std;

struct Entry {
    string timestamp;  // e.g. 2024-03-01T09:00:01Z
    string target;     // e.g. /api/users?id=42
    int status;
    int latency;
};

// Returns the output lines, one "endpoint count errors p95" per endpoint,
// sorted by endpoint.
vector<string> aggregate(const vector<Entry>& entries) {
    vector<string> lines;
    // TODO: aggregate the entries.
    (void)entries;
    return lines;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<Entry> entries(n);
    for (auto& e : entries) cin >> e.timestamp >> e.target >> e.status >> e.latency;
    for (const string& line : aggregate(entries)) cout << line << '\n';
    return 0;
}
