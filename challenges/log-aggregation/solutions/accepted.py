import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    latencies = {}
    errors = {}
    for i in range(n):
        target = data[2 + 4 * i]
        q = target.find(b"?")
        endpoint = target if q < 0 else target[:q]
        lat = latencies.get(endpoint)
        if lat is None:
            lat = latencies[endpoint] = []
            errors[endpoint] = 0
        lat.append(int(data[4 + 4 * i]))
        if int(data[3 + 4 * i]) >= 500:
            errors[endpoint] += 1
    out = []
    for endpoint in sorted(latencies):  # bytes sort in byte (ASCII) order
        lat = latencies[endpoint]
        lat.sort()
        count = len(lat)
        rank = (95 * count + 99) // 100  # nearest rank: ceil(0.95 * count)
        out.append("%s %d %d %d" % (endpoint.decode(), count, errors[endpoint], lat[rank - 1]))
    sys.stdout.write("\n".join(out) + "\n")


main()
