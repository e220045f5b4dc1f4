#include <stdio.h>

int main(void) {
  int n;
  long long x;
  volatile long long sum = 0;
  if (scanf("%d", &n) != 1) return 1;
  while (n-- > 0 && scanf("%lld", &x) == 1) sum += x;
  for (;;) sum = (sum * 31 + 7) % 1000003;
}
