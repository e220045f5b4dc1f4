# Plausible bug: the 95th percentile is taken as sorted[int(0.95 * count)].
# That equals the nearest rank ceil(0.95 * count) except when 0.95 * count is a
# whole number (count = 20, 40, 60, ...), where it picks one element too high.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    stats = {}
    for i in range(n):
        endpoint = data[2 + 4 * i].split(b"?")[0].decode()
        status = int(data[3 + 4 * i])
        latency = int(data[4 + 4 * i])
        st = stats.setdefault(endpoint, [0, []])
        if status >= 500:
            st[0] += 1
        st[1].append(latency)
    for endpoint in sorted(stats):
        errors, lat = stats[endpoint]
        lat.sort()
        p95 = lat[int(0.95 * len(lat))]
        print(endpoint, len(lat), errors, p95)


main()
