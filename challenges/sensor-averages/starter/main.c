#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 24

int main(void) {
    int n;
    long long a, b;
    if (scanf("%d %lld %lld", &n, &a, &b) != 3) return 1;

    long long *time = malloc(sizeof(long long) * n);
    double *value = malloc(sizeof(double) * n);
    char (*name)[MAX_NAME + 1] = malloc(sizeof *name * n);
    for (int i = 0; i < n; i++) {
        if (scanf("%lld %24s %lf", &time[i], name[i], &value[i]) != 3) return 1;
    }

    /* TODO: for every sensor, sorted by name (strcmp order), compute its
       time-weighted average over [a, b] (or "-") and print "name average" */
    (void)a;
    (void)b;

    free(time);
    free(value);
    free(name);
    return 0;
}
