import { phpCodegen } from '../../../server/src/signatures/codegen/php.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = phpCodegen;

const GRID = (body: string) => `<?php

namespace Solution;

/**
 * @param list<list<int>> $grid
 * @return int
 */
function gridSum(array $grid): int
{
${body}}
`;
const SUM = '\\array_sum(\\array_map(\\array_sum(...), $grid))';

export const programs: SignaturePrograms = {
  accepted: {
    merge: `<?php

namespace Solution;

class Interval
{
    public function __construct(
        public int $start,
        public int $end,
    ) {
    }
}

/**
 * @param list<Interval> $intervals
 * @return list<Interval>
 */
function mergeIntervals(array $intervals): array
{
    \\usort($intervals, fn (Interval $a, Interval $b) => $a->start <=> $b->start);
    $merged = [];
    foreach ($intervals as $interval) {
        $last = \\end($merged);
        if ($last !== false && $interval->start <= $last->end) {
            $last->end = \\max($last->end, $interval->end);
        } else {
            $merged[] = new Interval($interval->start, $interval->end);
        }
    }
    return $merged;
}
`,
    grid: GRID(`    return ${SUM};\n`),
    // Ends with a closing tag: the harness must open PHP mode again.
    mean: `<?php

namespace Solution;

/**
 * @param array<string, list<int>> $lists
 * @return float|null
 */
function meanOf(array $lists, ?string $key): ?float
{
    if ($key === null || empty($lists[$key])) {
        return null;
    }
    return \\array_sum($lists[$key]) / \\count($lists[$key]);
}
?>
`,
    echo: `<?php

namespace Solution;

class Bundle
{
    public function __construct(
        public int $big,
        public int $small,
        public float $ratio,
        public bool $flag,
        public string $text,
        public array $words,
        public array $table,
        public ?array $maybe,
    ) {
    }
}

function echoAll(Bundle $values): Bundle
{
    return $values;
}
`,
  },
  wrongGrid: GRID(`    return ${SUM} + 1;\n`),
  throwingGrid: GRID("    throw new \\RuntimeException('no');\n"),
  printingGrid: GRID(`    echo "debug\\n";\n    echo 'partial';\n    return ${SUM};\n`),
  forgingGrid: GRID("    echo \"00000000000000000000000000000000 999\\n\";\n    exit(0);\n"),
};
