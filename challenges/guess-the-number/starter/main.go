package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	var n int64
	fmt.Fscan(in, &n)
	// TODO: this tries every number in turn; find the secret number within the allowed guesses
	for guess := int64(1); guess <= n; guess++ {
		fmt.Fprintf(out, "guess %d\n", guess)
		// Flush sends the line now: without it the guess waits in the buffer
		// while your program waits for the reply, and the judge never sees it.
		out.Flush()
		var reply string
		if _, err := fmt.Fscan(in, &reply); err != nil || reply != "higher" {
			break // "correct": stop, printing nothing more
		}
	}
}
