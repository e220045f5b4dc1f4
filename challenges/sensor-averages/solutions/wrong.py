# Wrong: ignores the readings taken before the window starts, so the value
# that is still in effect at time A is lost; the average starts at the first
# reading inside the window.
import sys


def main():
    data = sys.stdin.read().split()
    n, a, b = int(data[0]), int(data[1]), int(data[2])
    readings = {}
    for i in range(n):
        t, name, v = int(data[3 + 3 * i]), data[4 + 3 * i], float(data[5 + 3 * i])
        readings.setdefault(name, []).append((t, v))
    out = []
    for name in sorted(readings):
        rs = sorted(r for r in readings[name] if a <= r[0] < b)   # BUG: drops the carry-over
        if not rs:
            out.append(name + ' -')
            continue
        integral = 0.0
        for j, (t, v) in enumerate(rs):
            end = rs[j + 1][0] if j + 1 < len(rs) else b
            integral += v * (end - t)
        out.append(f'{name} {integral / (b - rs[0][0]):.9f}')
    print('\n'.join(out))


main()
