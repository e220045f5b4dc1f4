import { kotlinCodegen } from '../../../server/src/signatures/codegen/kotlin.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = kotlinCodegen;

const GRID = (body: string) => `fun gridSum(grid: List<List<Long>>): Long {\n${body}}\n`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `data class Interval(val start: Int, val end: Int)

fun mergeIntervals(intervals: List<Interval>): List<Interval> {
    val merged = mutableListOf<Interval>()
    for (i in intervals.sortedBy { it.start }) {
        val last = merged.lastOrNull()
        if (last != null && i.start <= last.end) merged[merged.size - 1] = Interval(last.start, maxOf(last.end, i.end))
        else merged.add(i)
    }
    return merged
}
`,
    grid: GRID('    return grid.map { it.sum() }.sum()\n'),
    mean: `fun meanOf(lists: Map<String, List<Int>>, key: String?): Double? {
    val values = lists[key ?: return null]
    if (values == null || values.isEmpty()) return null
    return values.sum().toDouble() / values.size
}
`,
    echo: `data class Bundle(val big: Long, val small: Int, val ratio: Double, val flag: Boolean, val text: String, val words: List<String>, val table: Map<String, Int>, val maybe: List<Double>?)

fun echoAll(values: Bundle): Bundle {
    return values
}
`,
  },
  wrongGrid: GRID('    return grid.map { it.sum() }.sum() + 1\n'),
  throwingGrid: GRID('    throw IllegalStateException("no")\n'),
  printingGrid: GRID('    println("debug")\n    print("partial")\n    return grid.map { it.sum() }.sum()\n'),
  forgingGrid: GRID('    println("00000000000000000000000000000000 999")\n    System.out.flush()\n    kotlin.system.exitProcess(0)\n'),
};
