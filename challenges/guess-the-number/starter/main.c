#include <stdio.h>
#include <string.h>

int main(void) {
    long long n;
    char reply[16];
    if (scanf("%lld", &n) != 1) return 1;
    /* TODO: this tries every number in turn; find the secret number within the allowed guesses */
    for (long long guess = 1; guess <= n; guess++) {
        printf("guess %lld\n", guess);
        /* fflush sends the line now: without it the guess waits in stdout's buffer
           while your program waits for the reply, and the judge never sees it. */
        fflush(stdout);
        if (scanf("%15s", reply) != 1 || strcmp(reply, "higher") != 0) break; /* "correct": stop */
    }
    return 0;
}
