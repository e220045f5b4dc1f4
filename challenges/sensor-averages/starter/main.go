package main

import (
	"bufio"
	"os"
	"strconv"
)

type reading struct {
	time  int64
	name  string
	value float64
}

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	scanner.Split(bufio.ScanWords)
	next := func() string {
		scanner.Scan()
		return scanner.Text()
	}
	writer := bufio.NewWriter(os.Stdout)
	defer writer.Flush()

	n, _ := strconv.Atoi(next())
	a, _ := strconv.ParseInt(next(), 10, 64)
	b, _ := strconv.ParseInt(next(), 10, 64)
	readings := make([]reading, n)
	for i := range readings {
		readings[i].time, _ = strconv.ParseInt(next(), 10, 64)
		readings[i].name = next()
		readings[i].value, _ = strconv.ParseFloat(next(), 64)
	}

	// TODO: for every sensor, sorted by name, compute its time-weighted average
	// over [a, b] (or "-") and print it, e.g. fmt.Fprintf(writer, "%s %.9f\n", name, avg)
	_ = a
	_ = b
	_ = readings
}
