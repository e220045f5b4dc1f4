use std::io::{self, BufRead, Write};

fn main() {
    let mut lines = io::stdin().lock().lines();
    let mut out = io::stdout().lock();
    let n: u64 = lines.next().unwrap().unwrap().trim().parse().unwrap();
    // TODO: this tries every number in turn; find the secret number within the allowed guesses
    for guess in 1..=n {
        writeln!(out, "guess {}", guess).unwrap();
        // flush sends the line now: without it the guess may wait in a buffer
        // while your program waits for the reply, and the judge never sees it.
        out.flush().unwrap();
        let reply = lines.next().and_then(|line| line.ok()).unwrap_or_default();
        if reply.trim() != "higher" {
            break; // "correct": stop, printing nothing more
        }
    }
}
