import java.io.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
        long n = Long.parseLong(in.readLine().trim());
        // TODO: this tries every number in turn; find the secret number within the allowed guesses
        for (long guess = 1; guess <= n; guess++) {
            out.println("guess " + guess);
            // flush sends the line now: without it the guess waits in the buffer
            // while your program waits for the reply, and the judge never sees it.
            out.flush();
            String reply = in.readLine();
            if (reply == null || !reply.trim().equals("higher")) break; // "correct": stop, printing nothing more
        }
    }
}
