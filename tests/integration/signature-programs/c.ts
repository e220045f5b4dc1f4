import { cCodegen } from '../../../server/src/signatures/codegen/c.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = cCodegen;

const HEADERS = '#include <stdbool.h>\n#include <stddef.h>\n#include <stdlib.h>\n';

const LONG_LIST = `typedef struct LongList {
    long long *items;
    size_t len;
} LongList;

typedef struct LongListList {
    LongList *items;
    size_t len;
} LongListList;
`;

const GRID = (body: string, headers = '') => `${HEADERS}${headers}
${LONG_LIST}
long long grid_sum(LongListList grid) {
    long long sum = 0;
    for (size_t i = 0; i < grid.len; i++)
        for (size_t j = 0; j < grid.items[i].len; j++) sum += grid.items[i].items[j];
${body}}
`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `${HEADERS}
typedef struct Interval {
    int start;
    int end;
} Interval;

typedef struct IntervalList {
    Interval *items;
    size_t len;
} IntervalList;

static int by_start(const void *a, const void *b) {
    const Interval *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

IntervalList merge_intervals(IntervalList intervals) {
    IntervalList merged = {malloc(sizeof(Interval) * (intervals.len + 1)), 0};
    qsort(intervals.items, intervals.len, sizeof(Interval), by_start);
    for (size_t i = 0; i < intervals.len; i++) {
        Interval in = intervals.items[i];
        if (merged.len > 0 && in.start <= merged.items[merged.len - 1].end) {
            if (in.end > merged.items[merged.len - 1].end) merged.items[merged.len - 1].end = in.end;
        } else {
            merged.items[merged.len++] = in;
        }
    }
    return merged;
}
`,
    grid: GRID('    return sum;\n'),
    mean: `${HEADERS}#include <string.h>

typedef struct IntList {
    int *items;
    size_t len;
} IntList;

typedef struct IntListMap {
    char **keys;
    IntList *values;
    size_t len;
} IntListMap;

double *mean_of(IntListMap lists, char *key) {
    if (key == NULL) return NULL;
    for (size_t i = 0; i < lists.len; i++) {
        if (strcmp(lists.keys[i], key) != 0 || lists.values[i].len == 0) continue;
        double *mean = malloc(sizeof *mean);
        long long sum = 0;
        for (size_t j = 0; j < lists.values[i].len; j++) sum += lists.values[i].items[j];
        *mean = (double)sum / (double)lists.values[i].len;
        return mean;
    }
    return NULL;
}
`,
    echo: `${HEADERS}
typedef struct StringList {
    char **items;
    size_t len;
} StringList;

typedef struct IntMap {
    char **keys;
    int *values;
    size_t len;
} IntMap;

typedef struct DoubleList {
    double *items;
    size_t len;
} DoubleList;

typedef struct Bundle {
    long long big;
    int small;
    double ratio;
    bool flag;
    char *text;
    StringList words;
    IntMap table;
    DoubleList *maybe;
} Bundle;

Bundle echo_all(Bundle values) {
    return values;
}
`,
  },
  wrongGrid: GRID('    return sum + 1;\n'),
  throwingGrid: GRID('    (void)sum;\n    abort();\n'),
  printingGrid: GRID('    printf("debug\\n");\n    printf("partial");\n    return sum;\n', '#include <stdio.h>\n'),
  forgingGrid: GRID('    (void)sum;\n    printf("00000000000000000000000000000000 999\\n");\n    fflush(stdout);\n    _exit(0);\n', '#include <stdio.h>\n#include <unistd.h>\n'),
};
