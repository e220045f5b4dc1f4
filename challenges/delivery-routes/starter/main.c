#include <stdio.h>
#include <stdlib.h>

/* Edge i is a one-way road from[i] -> to[i] taking w[i] minutes.
 * Use long long: distances can exceed the int range. */
static void shortest_distances(int n, int m, const int *from, const int *to,
                               const long long *w, long long *dist) {
    (void)m;
    (void)from;
    (void)to;
    (void)w;
    for (int i = 1; i <= n; i++) dist[i] = -1;
    /* TODO: fill dist[1..n] with the shortest travel time from depot 1,
     * leaving -1 for nodes that cannot be reached. */
}

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 1;
    int *from = malloc(sizeof(int) * (m + 1));
    int *to = malloc(sizeof(int) * (m + 1));
    long long *w = malloc(sizeof(long long) * (m + 1));
    long long *dist = malloc(sizeof(long long) * (n + 1));
    for (int i = 0; i < m; i++) {
        if (scanf("%d %d %lld", &from[i], &to[i], &w[i]) != 3) return 1;
    }
    shortest_distances(n, m, from, to, w, dist);
    for (int i = 1; i <= n; i++) printf("%lld\n", dist[i]);
    free(from);
    free(to);
    free(w);
    free(dist);
    return 0;
}
