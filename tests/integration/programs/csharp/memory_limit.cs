using System;
using System.Collections.Generic;

public static class Program
{
    public static void Main()
    {
        // Mono's heap has no cap of its own here: the container's memory limit ends this.
        var chunks = new List<byte[]>();
        while (chunks.Count < 4096)
        {
            var chunk = new byte[1 << 20];
            byte fill = (byte) (chunks.Count % 251 + 1);
            for (int i = 0; i < chunk.Length; i++) chunk[i] = fill; // touch every page
            chunks.Add(chunk);
        }
        Console.WriteLine(chunks.Count);
    }
}
