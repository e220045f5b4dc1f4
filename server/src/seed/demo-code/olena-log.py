import sys


def endpoint_of(target):
    # The query string does not belong to the endpoint.
    q = target.find(b"?")
    return target if q < 0 else target[:q]


def percentile95(values):
    values.sort()
    rank = (95 * len(values) + 99) // 100
    return values[rank - 1]


def main():
    tokens = sys.stdin.buffer.read().split()
    count = int(tokens[0])
    stats = {}
    for k in range(count):
        endpoint = endpoint_of(tokens[2 + 4 * k])
        entry = stats.setdefault(endpoint, [0, []])
        if int(tokens[3 + 4 * k]) >= 500:
            entry[0] += 1
        entry[1].append(int(tokens[4 + 4 * k]))
    lines = []
    for endpoint in sorted(stats):
        failures, latencies = stats[endpoint]
        lines.append("%s %d %d %d" % (endpoint.decode(), len(latencies), failures, percentile95(latencies)))
    sys.stdout.write("\n".join(lines) + "\n")


main()
