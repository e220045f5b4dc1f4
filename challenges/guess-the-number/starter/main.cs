using System;
using System.IO;

public static class Program
{
    public static void Main()
    {
        var output = new StreamWriter(Console.OpenStandardOutput());
        long n = long.Parse(Console.ReadLine().Trim());
        // TODO: this tries every number in turn; find the secret number within the allowed guesses
        for (long guess = 1; guess <= n; guess++)
        {
            output.WriteLine("guess " + guess);
            // Flush sends the line now: without it the guess waits in the buffer
            // while your program waits for the reply, and the judge never sees it.
            output.Flush();
            string reply = Console.ReadLine();
            if (reply == null || reply.Trim() != "higher") break; // "correct": stop, printing nothing more
        }
    }
}
