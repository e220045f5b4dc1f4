#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Timestamps are 20 characters, targets at most 100 characters. */
typedef struct {
    char timestamp[24];
    char target[104];
    int status;
    int latency;
} Entry;

/* TODO: aggregate the entries and print one line "endpoint count errors p95"
 * per endpoint, sorted by endpoint. */
static void aggregate(int n, Entry *entries) {
    (void)n;
    (void)entries;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    Entry *entries = malloc(sizeof(Entry) * n);
    for (int i = 0; i < n; i++) {
        Entry *e = &entries[i];
        if (scanf("%23s %103s %d %d", e->timestamp, e->target, &e->status, &e->latency) != 4)
            return 1;
    }
    aggregate(n, entries);
    free(entries);
    return 0;
}
