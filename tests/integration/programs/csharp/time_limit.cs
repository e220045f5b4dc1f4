using System;

public static class Program
{
    public static void Main()
    {
        Console.ReadLine();
        long sum = 0;
        foreach (string part in Console.ReadLine().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) sum += long.Parse(part);
        while (true) sum = (sum * 31 + 7) % 1000003;
    }
}
