#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 20)

int main(void) {
  static char *chunks[4096];
  unsigned long checksum = 0;
  for (int i = 0; i < 4096; i++) {
    chunks[i] = malloc(CHUNK);
    if (!chunks[i]) return 1;
    memset(chunks[i], i % 251 + 1, CHUNK); /* touch every page */
    checksum += (unsigned char)chunks[i][i % CHUNK];
  }
  printf("%lu\n", checksum);
  return 0;
}
