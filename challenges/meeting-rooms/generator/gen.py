#!/usr/bin/env python3
"""Deterministic test generator for the meeting-rooms package.

Run from the package folder:  python3 generator/gen.py
It rewrites tests/sample/ and tests/hidden/<group>/ completely.
Standard library only; every test uses its own fixed seed.
"""
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TESTS = os.path.join(ROOT, "tests")
MAX_T = 10**9


def solve(meetings):
    """Reference: sweep over events; at equal times an end (-1) comes before a start (+1)."""
    events = []
    for s, e in meetings:
        events.append((s, 1))
        events.append((e, -1))
    events.sort()
    cur = best = 0
    for _, d in events:
        cur += d
        if cur > best:
            best = cur
    return best


def write(path, meetings):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = [str(len(meetings))] + ["%d %d" % m for m in meetings]
    with open(path + ".in", "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(path + ".ans", "w", newline="\n") as f:
        f.write("%d\n" % solve(meetings))


def check(meetings):
    assert 1 <= len(meetings) <= 200000
    for s, e in meetings:
        assert 0 <= s < e <= MAX_T
    return meetings


# ---------------------------------------------------------------- builders

def random_meetings(rng, n, lo, hi, max_len):
    out = []
    for _ in range(n):
        length = rng.randint(1, max_len)
        s = rng.randint(lo, hi - 1)
        e = min(hi, s + length)
        out.append((s, e))
    return out


def touching_chain(rng, n, start, step_lo, step_hi):
    """Meetings back to back: each one starts exactly when the previous ends."""
    out = []
    t = start
    for _ in range(n):
        d = rng.randint(step_lo, step_hi)
        out.append((t, t + d))
        t += d
    rng.shuffle(out)
    return out


def office_day(rng, n, days):
    """Realistic bookings: minutes of a working week, lengths multiples of 15 min."""
    out = []
    for _ in range(n):
        day = rng.randrange(days)
        start = day * 1440 + 8 * 60 + 15 * rng.randrange(36)      # 08:00 .. 16:45
        length = 15 * rng.choice([1, 2, 2, 3, 4, 4, 4, 6, 8])
        out.append((start, start + length))
    return out


def main():
    if os.path.isdir(TESTS):
        shutil.rmtree(TESTS)

    # ---------------------------------------------------------- samples
    # Sample 1 is the worked example of the statement.
    write(os.path.join(TESTS, "sample", "01"),
          check([(9, 12), (10, 11), (11, 13), (12, 14), (9, 10), (13, 15)]))
    write(os.path.join(TESTS, "sample", "02"), check([(0, 1000000000)]))
    write(os.path.join(TESTS, "sample", "03"),
          check([(1, 5), (2, 6), (3, 7), (5, 8), (1, 5)]))

    # ---------------------------------------------------------- small (n <= 10)
    small = []
    # 01: rooms freed exactly when the next meeting starts (closed-interval bug -> 3)
    small.append([(0, 10), (10, 20), (20, 30), (5, 10), (10, 15), (15, 20), (0, 5)])
    small.append([(7, 8)])                                         # a single meeting
    small.append([(3, 9)] * 10)                                    # identical meetings
    small.append([(0, 100), (10, 90), (20, 80), (30, 70), (40, 60), (50, 55)])  # nested
    rng = random.Random(1001)
    small.append(random_meetings(rng, 10, 0, 20, 6))               # dense, many ties
    for i, m in enumerate(small, 1):
        write(os.path.join(TESTS, "hidden", "small", "%02d" % i), check(m))

    # ---------------------------------------------------------- medium (n <= 1000)
    medium = []
    rng = random.Random(2001)
    medium.append(touching_chain(rng, 1000, 0, 1, 50) )            # answer 1
    rng = random.Random(2002)
    medium.append(office_day(rng, 1000, 5))
    rng = random.Random(2003)
    medium.append(random_meetings(rng, 1000, 0, 100, 10))          # many equal endpoints
    rng = random.Random(2004)
    medium.append(random_meetings(rng, 1000, 0, MAX_T, 10**8))     # large coordinates
    rng = random.Random(2005)
    m = [(rng.randint(0, 499), rng.randint(500, MAX_T)) for _ in range(999)]
    m.append((0, MAX_T))                                           # all overlap: answer n
    rng.shuffle(m)
    medium.append(m)
    for i, m in enumerate(medium, 1):
        write(os.path.join(TESTS, "hidden", "medium", "%02d" % i), check(m))

    # ---------------------------------------------------------- large
    large = []
    rng = random.Random(3001)
    large.append(random_meetings(rng, 20000, 0, MAX_T, 5 * 10**7))
    rng = random.Random(3002)
    large.append(random_meetings(rng, 30000, 0, 2000, 40))         # tiny range, ties everywhere
    rng = random.Random(3003)
    m = [(rng.randint(0, 999), rng.randint(MAX_T - 999, MAX_T)) for _ in range(40000)]
    large.append(m)                                                # answer 40000
    rng = random.Random(3004)
    m = touching_chain(rng, 25000, 0, 1, 2000) + touching_chain(rng, 25000, 0, 1, 2000)
    rng.shuffle(m)
    large.append(m)                                                # two chains
    rng = random.Random(3005)
    large.append(office_day(rng, 50000, 7))
    for i, m in enumerate(large, 1):
        write(os.path.join(TESTS, "hidden", "large", "%02d" % i), check(m))


if __name__ == "__main__":
    main()
