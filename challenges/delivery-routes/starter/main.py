import sys


def shortest_distances(n, adj):
    # adj[u] is a list of (v, w): a one-way road u -> v taking w minutes.
    # TODO: return a list of n values, the shortest travel time from depot 1
    # to nodes 1..n, with -1 for nodes that cannot be reached.
    return [-1] * n


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
    dist = shortest_distances(n, adj)
    sys.stdout.write("\n".join(map(str, dist)) + "\n")


main()
