using System;
using System.Globalization;
using System.Text;

public static class Program
{
    public static void Main()
    {
        string[] data = Console.In.ReadToEnd().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(data[0]);
        long a = long.Parse(data[1]);
        long b = long.Parse(data[2]);
        var time = new long[n];
        var name = new string[n];
        var value = new double[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = long.Parse(data[3 + 3 * i]);
            name[i] = data[4 + 3 * i];
            value[i] = double.Parse(data[5 + 3 * i], CultureInfo.InvariantCulture);
        }

        var output = new StringBuilder();
        // TODO: for every sensor, sorted by name, compute its time-weighted average
        // over [a, b] (or "-") and append a line to output, e.g.
        // output.Append(name).Append(' ').Append(avg.ToString("F9", CultureInfo.InvariantCulture)).Append('\n');
        Console.Out.Write(output);
    }
}
