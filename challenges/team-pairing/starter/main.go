package main

import (
	"bufio"
	"os"
	"strconv"
)

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
	d, _ := strconv.ParseInt(next(), 10, 64)
	skill := make([]int64, 2*n) // skill[i] is the rating of developer i + 1
	role := make([]byte, 2*n)   // 'S' (senior) or 'J' (junior)
	for i := 0; i < 2*n; i++ {
		skill[i], _ = strconv.ParseInt(next(), 10, 64)
		role[i] = next()[0]
	}

	// TODO: find n valid pairs and print them as "a b" lines (1-based numbers),
	// e.g. fmt.Fprintf(writer, "%d %d\n", a, b), or print IMPOSSIBLE
	_ = d
	_ = skill
	_ = role
}
