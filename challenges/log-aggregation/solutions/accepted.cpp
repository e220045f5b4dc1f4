#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    if (!(cin >> n)) return 0;
    // std::map orders std::string keys by unsigned byte value, i.e. ASCII order.
    map<string, pair<int, vector<int>>> stats;
    string ts, target;
    int status, latency;
    for (int i = 0; i < n; i++) {
        cin >> ts >> target >> status >> latency;
        size_t q = target.find('?');
        if (q != string::npos) target.resize(q);
        auto& st = stats[target];
        if (status >= 500) st.first++;
        st.second.push_back(latency);
    }
    string out;
    for (auto& [endpoint, st] : stats) {
        vector<int>& lat = st.second;
        sort(lat.begin(), lat.end());
        long long count = (long long)lat.size();
        long long rank = (95 * count + 99) / 100;  // nearest rank: ceil(0.95 * count)
        out += endpoint + ' ' + to_string(count) + ' ' + to_string(st.first) + ' ' +
               to_string(lat[rank - 1]) + '\n';
    }
    cout << out;
    return 0;
}
