package main

import (
	"bufio"
	"os"
	"strconv"
)

// Edge is a one-way road to node To taking W minutes.
type Edge struct {
	To int
	W  int64
}

// shortestDistances returns dist[1..n] (dist[0] is unused): the shortest
// travel time from depot 1, or -1 for nodes that cannot be reached.
func shortestDistances(n int, adj [][]Edge) []int64 {
	dist := make([]int64, n+1)
	for i := range dist {
		dist[i] = -1
	}
	// TODO: compute the distances.
	return dist
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
	m := int(next())
	adj := make([][]Edge, n+1)
	for i := 0; i < m; i++ {
		u := int(next())
		v := int(next())
		w := next()
		adj[u] = append(adj[u], Edge{To: v, W: w})
	}
	dist := shortestDistances(n, adj)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for i := 1; i <= n; i++ {
		out.WriteString(strconv.FormatInt(dist[i], 10))
		out.WriteByte('\n')
	}
}
