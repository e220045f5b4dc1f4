#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);

    int n;
    long long d;
    cin >> n >> d;
    vector<long long> skill(2 * n);  // skill[i] is the rating of developer i + 1
    vector<char> role(2 * n);        // 'S' (senior) or 'J' (junior)
    for (int i = 0; i < 2 * n; i++) cin >> skill[i] >> role[i];

    // TODO: find n valid pairs and print them as "a b" lines (1-based numbers),
    // or print IMPOSSIBLE
    (void)d;
    return 0;
}
