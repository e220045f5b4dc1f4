#include <iostream>
#include <string>

int main() {
    long long n;
    if (!(std::cin >> n)) return 1;
    std::string reply;
    // TODO: this tries every number in turn; find the secret number within the allowed guesses
    for (long long guess = 1; guess <= n; guess++) {
        // std::flush sends the line now: without it the guess waits in cout's buffer
        // while your program waits for the reply, and the judge never sees it.
        // (Keep cin tied to cout; ios::sync_with_stdio(false) with cin.tie(nullptr) needs the flush all the more.)
        std::cout << "guess " << guess << '\n' << std::flush;
        if (!(std::cin >> reply) || reply != "higher") break;  // "correct": stop, printing nothing more
    }
    return 0;
}
