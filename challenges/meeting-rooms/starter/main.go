package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

// start[i], end[i]: meeting i occupies [start[i], end[i]).
func minRooms(start, end []int64) int {
	// TODO: return the minimum number of rooms needed.
	return 0
}

func main() {
	sc := bufio.NewScanner(bufio.NewReaderSize(os.Stdin, 1<<16))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	sc.Split(bufio.ScanWords)
	next := func() int64 {
		sc.Scan()
		v, _ := strconv.ParseInt(sc.Text(), 10, 64)
		return v
	}
	n := int(next())
	start := make([]int64, n)
	end := make([]int64, n)
	for i := 0; i < n; i++ {
		start[i] = next()
		end[i] = next()
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, minRooms(start, end))
}
