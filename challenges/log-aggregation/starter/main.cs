using System;
using System.Collections.Generic;
using System.Text;

public static class Program
{
    // One log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
    struct Entry
    {
        public string Timestamp;
        public string Target;
        public int Status;
        public int Latency;
    }

    // Returns the output lines, one "endpoint count errors p95" per endpoint,
    // sorted by endpoint.
    static List<string> Aggregate(Entry[] entries)
    {
        var lines = new List<string>();
        // TODO: aggregate the entries.
        return lines;
    }

    public static void Main()
    {
        string[] data = Console.In.ReadToEnd().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(data[0]);
        var entries = new Entry[n];
        for (int i = 0; i < n; i++)
        {
            int k = 1 + 4 * i;
            entries[i] = new Entry { Timestamp = data[k], Target = data[k + 1], Status = int.Parse(data[k + 2]), Latency = int.Parse(data[k + 3]) };
        }
        var output = new StringBuilder();
        foreach (string line in Aggregate(entries)) output.Append(line).Append('\n');
        Console.Out.Write(output);
    }
}
