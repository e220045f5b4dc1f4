using System;

public static class Program
{
    public static void Main()
    {
        int n = int.Parse(Console.ReadLine().Trim());
        string[] parts = Console.ReadLine().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        long sum = 0;
        for (int i = 0; i < n; i++) sum += long.Parse(parts[i]);
        Console.WriteLine(sum + 1);
    }
}
