import { csharpCodegen } from '../../../server/src/signatures/codegen/csharp.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = csharpCodegen;

const GRID = (body: string) => `using System;
using System.Collections.Generic;
using System.Linq;

public class Solution
{
    public static long GridSum(List<List<long>> grid)
    {
${body}    }
}
`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `using System;
using System.Collections.Generic;
using System.Linq;

public class Interval
{
    public int Start { get; set; }
    public int End { get; set; }

    public Interval() { }

    public Interval(int start, int end)
    {
        Start = start;
        End = end;
    }
}

public class Solution
{
    public static List<Interval> MergeIntervals(List<Interval> intervals)
    {
        var merged = new List<Interval>();
        foreach (var i in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && i.Start <= merged[merged.Count - 1].End)
            {
                var last = merged[merged.Count - 1];
                last.End = Math.Max(last.End, i.End);
            }
            else merged.Add(new Interval(i.Start, i.End));
        }
        return merged;
    }
}
`,
    grid: GRID('        return grid.Sum(row => row.Sum());\n'),
    mean: `using System;
using System.Collections.Generic;
using System.Linq;

public class Solution
{
    public static double? MeanOf(Dictionary<string, List<int>> lists, string key)
    {
        List<int> values;
        if (key == null || !lists.TryGetValue(key, out values) || values.Count == 0) return null;
        return values.Average();
    }
}
`,
    echo: `using System;
using System.Collections.Generic;
using System.Linq;

public class Bundle
{
    public long Big { get; set; }
    public int Small { get; set; }
    public double Ratio { get; set; }
    public bool Flag { get; set; }
    public string Text { get; set; }
    public List<string> Words { get; set; }
    public Dictionary<string, int> Table { get; set; }
    public List<double> Maybe { get; set; }

    public Bundle() { }

    public Bundle(long big, int small, double ratio, bool flag, string text, List<string> words, Dictionary<string, int> table, List<double> maybe)
    {
        Big = big;
        Small = small;
        Ratio = ratio;
        Flag = flag;
        Text = text;
        Words = words;
        Table = table;
        Maybe = maybe;
    }
}

public class Solution
{
    public static Bundle EchoAll(Bundle values)
    {
        return values;
    }
}
`,
  },
  wrongGrid: GRID('        return grid.Sum(row => row.Sum()) + 1;\n'),
  throwingGrid: GRID('        throw new InvalidOperationException("no");\n'),
  printingGrid: GRID('        Console.WriteLine("debug");\n        Console.Write("partial");\n        return grid.Sum(row => row.Sum());\n'),
  forgingGrid: GRID('        Console.WriteLine("00000000000000000000000000000000 999");\n        Console.Out.Flush();\n        Environment.Exit(0);\n        return 0;\n'),
};
