# Correct but quadratic: endpoints are kept in a plain list and found by a
# linear scan, and both the latencies and the endpoints are ordered with a
# hand-written selection sort.
import sys


def main():
    lines = sys.stdin.read().split("\n")
    n = int(lines[0])
    names = []
    counts = []
    errors = []
    latencies = []
    for i in range(1, n + 1):
        parts = lines[i].split()
        target = parts[1]
        endpoint = target
        if "?" in target:
            endpoint = target[:target.index("?")]
        status = int(parts[2])
        latency = int(parts[3])
        idx = -1
        for j in range(len(names)):
            if names[j] == endpoint:
                idx = j
                break
        if idx == -1:
            names.append(endpoint)
            counts.append(0)
            errors.append(0)
            latencies.append([])
            idx = len(names) - 1
        counts[idx] += 1
        if status >= 500:
            errors[idx] += 1
        latencies[idx].append(latency)

    k = len(names)
    order = list(range(k))
    for a in range(k):
        best = a
        for b in range(a + 1, k):
            if names[order[b]] < names[order[best]]:
                best = b
        order[a], order[best] = order[best], order[a]

    for idx in order:
        lat = latencies[idx]
        for a in range(len(lat)):
            best = a
            for b in range(a + 1, len(lat)):
                if lat[b] < lat[best]:
                    best = b
            lat[a], lat[best] = lat[best], lat[a]
        c = counts[idx]
        rank = (95 * c + 99) // 100
        print(names[idx], c, errors[idx], lat[rank - 1])


main()
