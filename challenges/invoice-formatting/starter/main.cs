using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

public static class Program
{
    public static void Main()
    {
        TextReader input = Console.In;
        string[] head = input.ReadLine().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(head[0]);
        int w = int.Parse(head[1]);
        int r = int.Parse(head[2]);

        var qty = new long[n];
        var price = new long[n];     // in cents
        var name = new string[n];    // may contain spaces
        for (int i = 0; i < n; i++)
        {
            string line = input.ReadLine().TrimEnd('\r');
            int a = line.IndexOf(' ');
            int b = line.IndexOf(' ', a + 1);
            qty[i] = long.Parse(line.Substring(0, a));
            price[i] = long.Parse(line.Substring(a + 1, b - a - 1));
            name[i] = line.Substring(b + 1); // the rest of the line
        }

        var output = new StringBuilder();
        // TODO: merge equal items, lay out the invoice and append its lines to output
        // (use long for money)
        Console.Out.Write(output);
    }
}
