import sys
from heapq import heappop, heappush


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    us = data[2:2 + 3 * m:3]
    vs = data[3:3 + 3 * m:3]
    ws = data[4:4 + 3 * m:3]
    adj = [[] for _ in range(n + 1)]
    for u, v, w in zip(map(int, us), map(int, vs), map(int, ws)):
        adj[u].append((v, w))
    INF = float("inf")
    dist = [INF] * (n + 1)
    dist[1] = 0
    heap = [(0, 1)]
    while heap:
        d, u = heappop(heap)
        if d > dist[u]:
            continue  # stale entry: u was already settled with a smaller distance
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heappush(heap, (nd, v))
    sys.stdout.write("\n".join(str(d) if d != INF else "-1" for d in dist[1:]) + "\n")


main()
