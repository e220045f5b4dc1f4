using System;

public static class Program
{
    // start[i], end[i]: meeting i occupies [start[i], end[i]).
    static int MinRooms(long[] start, long[] end)
    {
        // TODO: return the minimum number of rooms needed.
        return 0;
    }

    public static void Main()
    {
        string[] data = Console.In.ReadToEnd().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(data[0]);
        var start = new long[n];
        var end = new long[n];
        for (int i = 0; i < n; i++)
        {
            start[i] = long.Parse(data[1 + 2 * i]);
            end[i] = long.Parse(data[2 + 2 * i]);
        }
        Console.WriteLine(MinRooms(start, end));
    }
}
