#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 60

int main(void) {
    char line[256];
    int n, w, r;
    if (!fgets(line, sizeof line, stdin) || sscanf(line, "%d %d %d", &n, &w, &r) != 3) return 1;

    long long *qty = malloc(sizeof(long long) * n);
    long long *price = malloc(sizeof(long long) * n);   /* in cents */
    char (*name)[MAX_NAME + 1] = malloc(sizeof *name * n); /* may contain spaces */
    for (int i = 0; i < n; i++) {
        int used = 0;
        if (!fgets(line, sizeof line, stdin)) return 1;
        line[strcspn(line, "\r\n")] = '\0';
        sscanf(line, "%lld %lld%n", &qty[i], &price[i], &used);
        strcpy(name[i], line + used + 1); /* the rest of the line after the space */
    }

    /* TODO: merge equal items, lay out the invoice and print it (use long long for money) */
    (void)w;
    (void)r;

    free(qty);
    free(price);
    free(name);
    return 0;
}
