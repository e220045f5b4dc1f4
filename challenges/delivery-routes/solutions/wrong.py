# Plausible bug: a node's distance is fixed the first time the node is
# discovered (marked "visited" on push instead of on pop), so a cheaper path
# found later through other nodes is never used.
import sys
from heapq import heappop, heappush


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
    dist = [-1] * (n + 1)
    dist[1] = 0
    heap = [(0, 1)]
    while heap:
        d, u = heappop(heap)
        for v, w in adj[u]:
            if dist[v] == -1:
                dist[v] = d + w
                heappush(heap, (d + w, v))
    sys.stdout.write("\n".join(map(str, dist[1:])) + "\n")


main()
