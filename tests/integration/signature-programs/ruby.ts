import { rubyCodegen } from '../../../server/src/signatures/codegen/ruby.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = rubyCodegen;

const GRID = (body: string) => `# @param grid [Array<Array<Integer>>]\n# @return [Integer]\ndef grid_sum(grid)\n${body}end\n`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `Interval = Struct.new(:start, :end)

def merge_intervals(intervals)
  merged = []
  intervals.sort_by(&:start).each do |interval|
    if !merged.empty? && interval.start <= merged.last.end
      merged.last.end = [merged.last.end, interval.end].max
    else
      merged << Interval.new(interval.start, interval.end)
    end
  end
  merged
end
`,
    grid: GRID('  grid.sum(&:sum)\n'),
    mean: `def mean_of(lists, key)
  values = key && lists[key]
  return nil if values.nil? || values.empty?

  values.sum.to_f / values.length
end
`,
    echo: `Bundle = Struct.new(:big, :small, :ratio, :flag, :text, :words, :table, :maybe)

def echo_all(values)
  values
end
`,
  },
  wrongGrid: GRID('  grid.sum(&:sum) + 1\n'),
  throwingGrid: GRID("  raise ArgumentError, 'no'\n"),
  printingGrid: GRID("  puts 'debug'\n  print 'partial'\n  grid.sum(&:sum)\n"),
  forgingGrid: GRID("  puts '00000000000000000000000000000000 999'\n  $stdout.flush\n  exit!(0)\n"),
};
