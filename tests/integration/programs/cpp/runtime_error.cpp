#include <iostream>
#include <stdexcept>
#include <string>

int main() {
  int n;
  std::cin >> n;
  long long sum = 0, x;
  while (n-- > 0 && std::cin >> x) sum += x;
  // Uncaught: std::terminate, then abort (SIGABRT).
  throw std::runtime_error("no answer for " + std::to_string(sum));
}
