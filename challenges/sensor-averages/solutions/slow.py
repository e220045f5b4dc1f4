# Correct but too slow: for every sensor it scans all readings to collect that
# sensor's readings, then finds each reading's successor by scanning again
# (quadratic in the number of sensors and in the readings of one sensor).
import sys


def main():
    data = sys.stdin.read().split()
    n, a, b = int(data[0]), int(data[1]), int(data[2])
    times, names, values = [], [], []
    for i in range(n):
        times.append(int(data[3 + 3 * i]))
        names.append(data[4 + 3 * i])
        values.append(float(data[5 + 3 * i]))

    out = []
    for name in sorted(set(names)):
        mine = []
        for i in range(n):
            if names[i] == name:
                mine.append(i)
        first = min(times[i] for i in mine)
        start = max(a, first)
        if start >= b:
            out.append(name + ' -')
            continue
        integral = 0.0
        for i in mine:
            # the next reading of this sensor after times[i]
            end = b
            for k in mine:
                if times[i] < times[k] < end:
                    end = times[k]
            lo, hi = max(times[i], a), min(end, b)
            if hi > lo:
                integral += values[i] * (hi - lo)
        out.append(name + ' ' + '%.9f' % (integral / (b - start)))
    print('\n'.join(out))


main()
