using System;

public static class Program
{
    public static void Main()
    {
        int n = int.Parse(Console.ReadLine().Trim());
        long sum = 0;
        foreach (string part in Console.ReadLine().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) sum += long.Parse(part);
        long zero = n - n;
        Console.WriteLine(sum / zero); // System.DivideByZeroException, unhandled
    }
}
