#include <iostream>
#include <string>

int main() {
    long long n;
    if (!(std::cin >> n)) return 0;
    long long lo = 1, hi = n;
    std::string reply;
    while (true) {
        long long mid = lo + (hi - lo) / 2;
        // std::endl flushes: the judge answers only what it has received.
        std::cout << "guess " << mid << std::endl;
        if (!(std::cin >> reply) || reply == "correct") return 0;
        if (reply == "lower") hi = mid - 1;
        else if (reply == "higher") lo = mid + 1;
        else return 0;
    }
}
