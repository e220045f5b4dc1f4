#include <iostream>

int main() {
  int n;
  std::cin >> n;
  long long sum = 0, x;
  while (n-- > 0 && std::cin >> x) sum += x;
  std::cout << sum + 1 << '\n';
}
