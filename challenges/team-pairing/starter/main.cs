using System;
using System.Text;

public static class Program
{
    public static void Main()
    {
        string[] data = Console.In.ReadToEnd().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(data[0]);
        long d = long.Parse(data[1]);
        var skill = new long[2 * n]; // skill[i] is the rating of developer i + 1
        var role = new char[2 * n];  // 'S' (senior) or 'J' (junior)
        for (int i = 0; i < 2 * n; i++)
        {
            skill[i] = long.Parse(data[2 + 2 * i]);
            role[i] = data[3 + 2 * i][0];
        }

        var output = new StringBuilder();
        // TODO: find n valid pairs and append them as "a b" lines (1-based numbers)
        // to output, or print IMPOSSIBLE
        Console.Out.Write(output);
    }
}
