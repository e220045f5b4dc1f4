package main

import (
	"bufio"
	"os"
	"strconv"
)

// Entry is one log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
type Entry struct {
	Timestamp string
	Target    string
	Status    int
	Latency   int
}

// aggregate returns the output lines, one "endpoint count errors p95" per
// endpoint, sorted by endpoint.
func aggregate(entries []Entry) []string {
	lines := []string{}
	// TODO: aggregate the entries.
	return lines
}

func main() {
	sc := bufio.NewScanner(bufio.NewReaderSize(os.Stdin, 1<<16))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	sc.Split(bufio.ScanWords)
	next := func() string {
		sc.Scan()
		return sc.Text()
	}
	n, _ := strconv.Atoi(next())
	entries := make([]Entry, n)
	for i := 0; i < n; i++ {
		entries[i].Timestamp = next()
		entries[i].Target = next()
		entries[i].Status, _ = strconv.Atoi(next())
		entries[i].Latency, _ = strconv.Atoi(next())
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, line := range aggregate(entries) {
		out.WriteString(line)
		out.WriteByte('\n')
	}
}
