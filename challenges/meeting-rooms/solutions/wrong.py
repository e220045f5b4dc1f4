# Plausible bug: treats meetings as closed intervals [start, end].
# At equal times the start event is processed before the end event, so a room
# is not reused by a meeting that starts exactly when another one ends.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    events = []
    for i in range(n):
        s = int(data[1 + 2 * i])
        e = int(data[2 + 2 * i])
        events.append((s, 0))   # start sorts first at equal times: the bug
        events.append((e, 1))
    events.sort()
    cur = best = 0
    for _, kind in events:
        if kind == 0:
            cur += 1
            best = max(best, cur)
        else:
            cur -= 1
    print(best)


main()
