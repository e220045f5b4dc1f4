using System;
using System.Collections.Generic;
using System.Text;

public static class Program
{
    // adj[u] is a list of (v, w): a one-way road u -> v taking w minutes.
    static long[] ShortestDistances(int n, List<(int To, long W)>[] adj)
    {
        // TODO: return dist[1..n] (dist[0] is unused): the shortest travel time
        // from depot 1, or -1 for nodes that cannot be reached.
        var dist = new long[n + 1];
        for (int i = 0; i <= n; i++) dist[i] = -1;
        return dist;
    }

    public static void Main()
    {
        string[] data = Console.In.ReadToEnd().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        int n = int.Parse(data[0]);
        int m = int.Parse(data[1]);
        var adj = new List<(int To, long W)>[n + 1];
        for (int i = 0; i <= n; i++) adj[i] = new List<(int To, long W)>();
        for (int i = 0; i < m; i++)
        {
            int u = int.Parse(data[2 + 3 * i]);
            int v = int.Parse(data[3 + 3 * i]);
            long w = long.Parse(data[4 + 3 * i]);
            adj[u].Add((v, w));
        }
        long[] dist = ShortestDistances(n, adj);
        var output = new StringBuilder();
        for (int i = 1; i <= n; i++) output.Append(dist[i]).Append('\n');
        Console.Out.Write(output);
    }
}
