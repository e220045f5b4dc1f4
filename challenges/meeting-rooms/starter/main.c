#include <stdio.h>
#include <stdlib.h>

/* start[i], end[i]: meeting i occupies [start[i], end[i]). */
static int min_rooms(int n, const long long *start, const long long *end) {
    (void)n;
    (void)start;
    (void)end;
    /* TODO: return the minimum number of rooms needed. */
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    long long *start = malloc(sizeof(long long) * n);
    long long *end = malloc(sizeof(long long) * n);
    for (int i = 0; i < n; i++) {
        if (scanf("%lld %lld", &start[i], &end[i]) != 2) return 1;
    }
    printf("%d\n", min_rooms(n, start, end));
    free(start);
    free(end);
    return 0;
}
