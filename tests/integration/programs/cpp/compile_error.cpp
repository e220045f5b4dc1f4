#include <iostream>

int main() {
  long long sum = 0
  std::cout << sum << '\n';
}
