package main

import "fmt"

func main() {
	var chunks [][]byte
	for len(chunks) < 4096 {
		chunk := make([]byte, 1<<20)
		for i := range chunk {
			chunk[i] = byte(len(chunks)%251 + 1) // touch every page
		}
		chunks = append(chunks, chunk)
	}
	fmt.Println(len(chunks), chunks[7][77])
}
