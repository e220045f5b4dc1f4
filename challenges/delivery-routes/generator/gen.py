#!/usr/bin/env python3
"""Deterministic test generator for the delivery-routes package.

Run from the package folder:  python3 generator/gen.py
It rewrites tests/sample/ and tests/hidden/<group>/ completely.
Standard library only; every test uses its own fixed seed.
"""
import heapq
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TESTS = os.path.join(ROOT, "tests")
MAX_N = 100000
MAX_M = 200000
MAX_W = 10**9


def solve(n, edges):
    """Reference: Dijkstra with a binary heap from node 1; -1 when unreachable."""
    adj = [[] for _ in range(n + 1)]
    for u, v, w in edges:
        adj[u].append((v, w))
    dist = [-1] * (n + 1)
    best = [None] * (n + 1)
    best[1] = 0
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        if dist[u] != -1:
            continue
        dist[u] = d
        for v, w in adj[u]:
            nd = d + w
            if dist[v] == -1 and (best[v] is None or nd < best[v]):
                best[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist[1:]


def write(path, n, edges):
    assert 1 <= n <= MAX_N and 0 <= len(edges) <= MAX_M
    for u, v, w in edges:
        assert 1 <= u <= n and 1 <= v <= n and 0 <= w <= MAX_W
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = ["%d %d" % (n, len(edges))] + ["%d %d %d" % e for e in edges]
    with open(path + ".in", "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(path + ".ans", "w", newline="\n") as f:
        f.write("\n".join(str(d) for d in solve(n, edges)) + "\n")


# ---------------------------------------------------------------- builders

def relabel(rng, n, edges):
    """Shuffle node labels 2..n (the depot stays 1) and the edge order."""
    perm = list(range(2, n + 1))
    rng.shuffle(perm)
    label = [0, 1] + perm
    out = [(label[u], label[v], w) for u, v, w in edges]
    rng.shuffle(out)
    return out


def random_graph(rng, n, m, wlo, whi, unreachable=0):
    """A random arborescence from node 1 over the first n - unreachable nodes
    (so they are all reachable), plus random extra edges. The last
    `unreachable` nodes only get edges among themselves or towards the
    reachable part, so no path from the depot reaches them."""
    r = n - unreachable
    edges = []
    for v in range(2, r + 1):
        u = rng.randint(max(1, v - 50), v - 1) if rng.random() < 0.7 else rng.randint(1, v - 1)
        edges.append((u, v, rng.randint(wlo, whi)))
    while len(edges) < m:
        u = rng.randint(1, n)
        if u > r:
            v = rng.randint(1, n)
        else:
            v = rng.randint(1, r)
        edges.append((u, v, rng.randint(wlo, whi)))
    return relabel(rng, n, edges)


def city_grid(rng, rows, cols, wlo, whi, drop):
    """A street grid: both directions of each street segment, each a one-way
    edge with its own travel time; a fraction `drop` of the edges is closed.
    The depot is the junction in the middle of the grid, and the roads out of
    it are never closed."""
    n = rows * cols
    center = (rows // 2) * cols + cols // 2 + 1

    def node(r, c):
        v = r * cols + c + 1
        if v == center:
            return 1
        if v == 1:
            return center
        return v

    edges = []
    for r in range(rows):
        for c in range(cols):
            a = node(r, c)
            for dr, dc in ((0, 1), (1, 0)):
                rr, cc = r + dr, c + dc
                if rr < rows and cc < cols:
                    b = node(rr, cc)
                    for x, y in ((a, b), (b, a)):
                        if x == 1 or rng.random() >= drop:
                            edges.append((x, y, rng.randint(wlo, whi)))
    return n, relabel(rng, n, edges)


def trap_for_greedy(rng, k, whi):
    """k layers where the direct edge looks cheap to discover first but a
    detour through more nodes is shorter. Breaks 'finalize on first push'."""
    edges = []
    n = 1
    prev = 1
    for _ in range(k):
        a, b = n + 1, n + 2
        n += 2
        edges.append((prev, b, whi))          # discovered first, too expensive
        edges.append((prev, a, 1))
        edges.append((a, b, rng.randint(0, 3)))
        prev = b
    return n, edges


def main():
    if os.path.isdir(TESTS):
        shutil.rmtree(TESTS)

    # ---------------------------------------------------------- samples
    # Sample 1 is the worked example of the statement.
    write(os.path.join(TESTS, "sample", "01"), 5,
          [(1, 2, 4), (1, 3, 1), (3, 2, 2), (2, 4, 5), (4, 3, 1)])
    write(os.path.join(TESTS, "sample", "02"), 1, [])
    write(os.path.join(TESTS, "sample", "03"), 4,
          [(2, 1, 3), (1, 3, 0), (3, 3, 7), (3, 4, 9), (3, 4, 2), (4, 2, 1000000000)])

    # ---------------------------------------------------------- small (n <= 10)
    small = []
    small.append((4, [(1, 2, 10), (1, 3, 1), (3, 2, 1), (2, 4, 1), (3, 4, 100)]))
    small.append((3, [(2, 3, 5), (3, 2, 5), (2, 1, 1)]))        # only the depot reachable
    small.append((6, [(1, 2, 0), (2, 3, 0), (3, 1, 0), (3, 4, 7), (4, 4, 1),
                      (4, 5, 3), (4, 5, 2), (5, 4, 0), (1, 5, 9)]))  # zero weights, loops, multi-edges
    rng = random.Random(1004)
    n, e = trap_for_greedy(rng, 4, 50)
    small.append((n, relabel(rng, n, e)))
    rng = random.Random(1005)
    small.append((10, random_graph(rng, 10, 20, 1, 20, unreachable=2)))
    for i, (n, e) in enumerate(small, 1):
        write(os.path.join(TESTS, "hidden", "small", "%02d" % i), n, e)

    # ---------------------------------------------------------- medium (n <= 1000)
    medium = []
    rng = random.Random(2001)
    medium.append((1000, random_graph(rng, 1000, 3000, 1, 100)))
    rng = random.Random(2002)
    medium.append(city_grid(rng, 25, 40, 1, 60, 0.1))
    # a long road of maximum-weight edges: distances need 64-bit integers
    rng = random.Random(2003)
    chain = [(v, v + 1, MAX_W) for v in range(1, 1000)]
    chain += [(rng.randint(2, 1000), rng.randint(2, 1000), MAX_W) for _ in range(500)]
    medium.append((1000, relabel(rng, 1000, chain)))
    rng = random.Random(2004)
    n, e = trap_for_greedy(rng, 499, 10**6)
    medium.append((n, relabel(rng, n, e)))
    rng = random.Random(2005)
    medium.append((1000, random_graph(rng, 1000, 2000, 0, 5, unreachable=300)))
    for i, (n, e) in enumerate(medium, 1):
        write(os.path.join(TESTS, "hidden", "medium", "%02d" % i), n, e)

    # ---------------------------------------------------------- large
    large = []
    rng = random.Random(3001)
    large.append((15000, random_graph(rng, 15000, 35000, 1, 1000)))
    rng = random.Random(3002)
    large.append(city_grid(rng, 100, 150, 1, 99, 0.3))
    rng = random.Random(3003)
    large.append((20000, random_graph(rng, 20000, 30000, 1, MAX_W, unreachable=1500)))
    rng = random.Random(3004)
    large.append((20000, random_graph(rng, 20000, 32000, 0, 100)))
    for i, (n, e) in enumerate(large, 1):
        write(os.path.join(TESTS, "hidden", "large", "%02d" % i), n, e)


if __name__ == "__main__":
    main()
