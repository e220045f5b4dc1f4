import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, a, b = int(data[0]), int(data[1]), int(data[2])
    readings = {}
    for i in range(3, 3 + 3 * n, 3):
        name = data[i + 1]
        r = readings.get(name)
        if r is None:
            readings[name] = r = []
        r.append((int(data[i]), float(data[i + 2])))

    out = []
    for name in sorted(readings):  # bytes sort = ASCII order
        rs = readings[name]
        rs.sort()
        start = max(a, rs[0][0])
        label = name.decode()
        if start >= b:
            out.append(label + ' -')
            continue
        integral = 0.0
        m = len(rs)
        for j in range(m):
            t, v = rs[j]
            if t >= b:
                break
            end = rs[j + 1][0] if j + 1 < m else b
            lo = t if t > a else a
            hi = end if end < b else b
            if hi > lo:
                integral += v * (hi - lo)
        out.append(f'{label} {integral / (b - start):.9f}')
    sys.stdout.write('\n'.join(out) + '\n')


main()
