import { pythonCodegen } from '../../../server/src/signatures/codegen/python.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = pythonCodegen;

const GRID = (body: string) => `def grid_sum(grid: list[list[int]]) -> int:\n${body}`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `from dataclasses import dataclass


@dataclass
class Interval:
    start: int
    end: int


def merge_intervals(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for i in sorted(intervals, key=lambda i: i.start):
        if merged and i.start <= merged[-1].end:
            merged[-1].end = max(merged[-1].end, i.end)
        else:
            merged.append(Interval(i.start, i.end))
    return merged
`,
    grid: GRID('    return sum(sum(row) for row in grid)\n'),
    mean: `def mean_of(lists: dict[str, list[int]], key: str | None) -> float | None:
    if key is None or not lists.get(key):
        return None
    return sum(lists[key]) / len(lists[key])
`,
    echo: `from dataclasses import dataclass


@dataclass
class Bundle:
    big: int
    small: int
    ratio: float
    flag: bool
    text: str
    words: list[str]
    table: dict[str, int]
    maybe: list[float] | None


def echo_all(values: Bundle) -> Bundle:
    return values
`,
  },
  wrongGrid: GRID('    return sum(sum(row) for row in grid) + 1\n'),
  throwingGrid: GRID("    raise ValueError('no')\n"),
  printingGrid: GRID("    print('debug')\n    print('partial', end='')\n    return sum(sum(row) for row in grid)\n"),
  forgingGrid: GRID("    import os, sys\n    print('00000000000000000000000000000000 999')\n    sys.stdout.flush()\n    os._exit(0)\n"),
};
