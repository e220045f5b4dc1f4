#include <bits/stdc++.h>
using namespace std;

struct Line {
    long long qty;
    long long price;  // in cents
    string name;      // may contain spaces
};

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);

    string text;
    getline(cin, text);
    int n, w, r;
    istringstream(text) >> n >> w >> r;

    vector<Line> lines(n);
    for (auto& l : lines) {
        getline(cin, text);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        size_t a = text.find(' ');
        size_t b = text.find(' ', a + 1);
        l.qty = stoll(text.substr(0, a));
        l.price = stoll(text.substr(a + 1, b - a - 1));
        l.name = text.substr(b + 1);  // the rest of the line
    }

    // TODO: merge equal items, lay out the invoice and print it (use long long for money)
    (void)w;
    (void)r;
    return 0;
}
