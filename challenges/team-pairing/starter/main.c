#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    long long d;
    if (scanf("%d %lld", &n, &d) != 2) return 1;

    long long *skill = malloc(sizeof(long long) * 2 * n); /* skill[i]: developer i + 1 */
    char *role = malloc(2 * n);                           /* 'S' (senior) or 'J' (junior) */
    for (int i = 0; i < 2 * n; i++) {
        if (scanf("%lld %c", &skill[i], &role[i]) != 2) return 1;
    }

    /* TODO: find n valid pairs and print them as "a b" lines (1-based numbers),
       or print IMPOSSIBLE */
    (void)d;

    free(skill);
    free(role);
    return 0;
}
