# Correct but quadratic: textbook Dijkstra without a priority queue. Every
# step scans all nodes for the closest unfinished one, O(n^2) overall.
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
    INF = float("inf")
    dist = [INF] * (n + 1)
    done = [False] * (n + 1)
    dist[1] = 0
    while True:
        u = -1
        for i in range(1, n + 1):
            if not done[i] and dist[i] != INF and (u == -1 or dist[i] < dist[u]):
                u = i
        if u == -1:
            break
        done[u] = True
        for v, w in adj[u]:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    print("\n".join(str(d) if d != INF else "-1" for d in dist[1:]))


main()
