#include <stdio.h>

int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 1;
  long long sum = 0;
  for (int i = 0; i < n; i++) {
    long long x;
    if (scanf("%lld", &x) != 1) return 1;
    sum += x;
  }
  printf("%lld\n", sum);
  return 0;
}
