import sys


def aggregate(entries):
    # entries: list of (timestamp, target, status, latency) tuples, e.g.
    # ("2024-03-01T09:00:01Z", "/api/users?id=42", 200, 35).
    # TODO: return the output lines, one "endpoint count errors p95" string
    # per endpoint, sorted by endpoint.
    return []


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    entries = []
    for i in range(n):
        timestamp, target, status, latency = data[1 + 4 * i:5 + 4 * i]
        entries.append((timestamp, target, int(status), int(latency)))
    lines = aggregate(entries)
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")


main()
