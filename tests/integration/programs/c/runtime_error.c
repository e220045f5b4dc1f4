#include <stdio.h>

int main(void) {
  int n;
  long long sum = 0, x;
  if (scanf("%d", &n) != 1) return 1;
  while (n-- > 0 && scanf("%lld", &x) == 1) sum += x;
  long long *volatile result = NULL;
  *result = sum; /* SIGSEGV */
  printf("%lld\n", *result);
  return 0;
}
