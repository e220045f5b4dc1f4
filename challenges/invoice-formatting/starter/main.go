package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type line struct {
	qty   int64
	price int64  // in cents
	name  string // may contain spaces
}

func main() {
	reader := bufio.NewReaderSize(os.Stdin, 1<<20)
	writer := bufio.NewWriter(os.Stdout)
	defer writer.Flush()

	header, _ := reader.ReadString('\n')
	var n, w, r int
	fmt.Sscan(header, &n, &w, &r)

	lines := make([]line, 0, n)
	for i := 0; i < n; i++ {
		text, _ := reader.ReadString('\n')
		text = strings.TrimRight(text, "\r\n")
		parts := strings.SplitN(text, " ", 3) // the name is the rest of the line
		q, _ := strconv.ParseInt(parts[0], 10, 64)
		p, _ := strconv.ParseInt(parts[1], 10, 64)
		lines = append(lines, line{qty: q, price: p, name: parts[2]})
	}

	// TODO: merge equal items, lay out the invoice and print it with
	// fmt.Fprintln(writer, ...) (use int64 for money)
	_ = w
	_ = r
	_ = lines
}
