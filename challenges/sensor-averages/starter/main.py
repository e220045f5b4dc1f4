import sys


def main():
    data = sys.stdin.read().split()
    n, a, b = int(data[0]), int(data[1]), int(data[2])
    readings = []  # (time, sensor name, value)
    for i in range(n):
        t, name, v = data[3 + 3 * i: 6 + 3 * i]
        readings.append((int(t), name, float(v)))

    # TODO: for every sensor, sorted by name, compute its time-weighted average
    # over [a, b] (or '-') and add a line "name average" to out
    out = []
    sys.stdout.write(''.join(s + '\n' for s in out))


main()
