import { goCodegen } from '../../../server/src/signatures/codegen/go.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = goCodegen;

const GRID = (body: string, imports = '') => `// A comment before the package clause.
package main
${imports}
func gridSum(grid [][]int64) int64 {
	var sum int64
	for _, row := range grid {
		for _, cell := range row {
			sum += cell
		}
	}
${body}}
`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `package main

import "sort"

type Interval struct {
	Start int32
	End   int32
}

func mergeIntervals(intervals []Interval) []Interval {
	sort.Slice(intervals, func(a, b int) bool { return intervals[a].Start < intervals[b].Start })
	merged := []Interval{}
	for _, i := range intervals {
		if n := len(merged); n > 0 && i.Start <= merged[n-1].End {
			if i.End > merged[n-1].End {
				merged[n-1].End = i.End
			}
		} else {
			merged = append(merged, i)
		}
	}
	return merged
}
`,
    grid: GRID('\treturn sum\n'),
    mean: `package main

func meanOf(lists map[string][]int32, key *string) *float64 {
	if key == nil || len(lists[*key]) == 0 {
		return nil
	}
	var sum int64
	for _, v := range lists[*key] {
		sum += int64(v)
	}
	mean := float64(sum) / float64(len(lists[*key]))
	return &mean
}
`,
    echo: `package main

type Bundle struct {
	Big   int64
	Small int32
	Ratio float64
	Flag  bool
	Text  string
	Words []string
	Table map[string]int32
	Maybe *[]float64
}

func echoAll(values Bundle) Bundle {
	return values
}
`,
  },
  wrongGrid: GRID('\treturn sum + 1\n'),
  throwingGrid: GRID('\tpanic("no")\n'),
  printingGrid: GRID('\tfmt.Println("debug")\n\tfmt.Print("partial")\n\treturn sum\n', '\nimport "fmt"\n'),
  forgingGrid: GRID('\tfmt.Println("00000000000000000000000000000000 999")\n\tos.Exit(0)\n\treturn sum\n', '\nimport (\n\t"fmt"\n\t"os"\n)\n'),
};
