#include <iostream>

int main() {
  int n;
  std::cin >> n;
  long long x;
  volatile long long sum = 0;
  while (n-- > 0 && std::cin >> x) sum += x;
  for (;;) sum = (sum * 31 + 7) % 1000003;
}
