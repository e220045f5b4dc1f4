#include <bits/stdc++.h>
using namespace std;

// 12345678 -> "123,456.78"
static string money(long long cents) {
    string whole = to_string(cents / 100);
    string grouped;
    int len = (int)whole.size();
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    char frac[4];
    snprintf(frac, sizeof frac, "%02lld", cents % 100);
    return grouped + "." + frac;
}

static string padLeft(const string& s, size_t w) { return string(w > s.size() ? w - s.size() : 0, ' ') + s; }
static string padRight(const string& s, size_t w) { return s + string(w > s.size() ? w - s.size() : 0, ' '); }

struct Item { string name; long long price, qty; };

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    string line;
    getline(cin, line);
    long long n, w, r;
    { istringstream hs(line); hs >> n >> w >> r; }

    map<pair<string, long long>, int> index;
    vector<Item> items;
    for (long long i = 0; i < n; i++) {
        getline(cin, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t a = line.find(' ');
        size_t b = line.find(' ', a + 1);
        long long q = stoll(line.substr(0, a));
        long long p = stoll(line.substr(a + 1, b - a - 1));
        string name = line.substr(b + 1);
        auto key = make_pair(name, p);
        auto it = index.find(key);
        if (it == index.end()) {
            index.emplace(key, (int)items.size());
            items.push_back({name, p, q});
        } else {
            items[it->second].qty += q;
        }
    }

    long long subtotal = 0;
    for (auto& it : items) subtotal += it.price * it.qty;
    long long vat = subtotal * r / 100;
    long long total = subtotal + vat;
    size_t qw = 0, uw = 0, aw = money(total).size();
    for (auto& it : items) {
        qw = max(qw, to_string(it.qty).size());
        uw = max(uw, money(it.price).size());
    }
    size_t width = w + qw + uw + aw + 7;

    string out;
    for (auto& it : items) {
        string shown = (long long)it.name.size() <= w ? it.name : it.name.substr(0, w - 3) + "...";
        out += padRight(shown, w) + "  " + padLeft(to_string(it.qty), qw) + " x " +
               padLeft(money(it.price), uw) + "  " + padLeft(money(it.price * it.qty), aw) + "\n";
    }
    out += string(width, '-') + "\n";
    pair<string, long long> summary[3] = {{"Subtotal", subtotal}, {"VAT " + to_string(r) + "%", vat}, {"Total", total}};
    for (auto& s : summary) out += s.first + padLeft(money(s.second), width - s.first.size()) + "\n";
    fwrite(out.data(), 1, out.size(), stdout);
}
