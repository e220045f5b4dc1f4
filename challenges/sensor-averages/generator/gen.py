#!/usr/bin/env python3
"""Deterministic test generator for the sensor-averages challenge.

Run from the package folder:  python3 generator/gen.py
It rewrites every file in tests/sample and tests/hidden/<group>/ and must
reproduce the committed tests byte for byte (fixed seeds, standard library
only, no iteration over sets or hash-ordered containers).
"""
import os
import random
import sys

PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(PKG, 'tests')

MAX_N = 100000
MAX_T = 10 ** 9
MAX_V = 10 ** 7          # |value| <= 10^4, in thousandths
NAME_CHARS = set('abcdefghijklmnopqrstuvwxyz0123456789-_')


# ---------------------------------------------------------------- reference

def parse_milli(s):
    """'-12.5' -> -12500 (exact)."""
    neg = s.startswith('-')
    if neg:
        s = s[1:]
    whole, _, frac = s.partition('.')
    v = int(whole) * 1000 + int((frac + '000')[:3])
    return -v if neg else v


def fixed9(num, den):
    """num/den rounded to 9 decimals (half away from zero), never '-0.000000000'."""
    neg = (num < 0) != (den < 0)
    num, den = abs(num), abs(den)
    scaled = (2 * num * 10 ** 9 + den) // (2 * den)
    if scaled == 0:
        neg = False
    return ('-' if neg else '') + f'{scaled // 10 ** 9}.{scaled % 10 ** 9:09d}'


def solve(text):
    tokens = text.split()
    n, a, b = int(tokens[0]), int(tokens[1]), int(tokens[2])
    by_sensor = {}
    for i in range(n):
        t, name, v = tokens[3 + 3 * i: 6 + 3 * i]
        by_sensor.setdefault(name, []).append((int(t), parse_milli(v)))
    out = []
    for name in sorted(by_sensor):
        rs = sorted(by_sensor[name])
        start = max(a, rs[0][0])
        if start >= b:
            out.append(f'{name} -')
            continue
        integral = 0
        for j, (t, v) in enumerate(rs):
            end = rs[j + 1][0] if j + 1 < len(rs) else b
            lo, hi = max(t, a), min(end, b)
            if hi > lo:
                integral += v * (hi - lo)
        out.append(f'{name} {fixed9(integral, 1000 * (b - start))}')
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------- helpers

def fmt_value(m):
    """thousandths -> shortest decimal text: 21500 -> '21.5', -3000 -> '-3'."""
    sign = '-' if m < 0 else ''
    m = abs(m)
    s = str(m // 1000)
    if m % 1000:
        s += '.' + f'{m % 1000:03d}'.rstrip('0')
    return sign + s


def render(a, b, readings):
    """readings: list of (t, name, milli) in the order they are printed."""
    assert 1 <= len(readings) <= MAX_N
    assert 0 <= a < b <= MAX_T
    seen = set()
    for t, name, m in readings:
        assert 0 <= t <= MAX_T and abs(m) <= MAX_V
        assert 1 <= len(name) <= 24 and name[0].isalpha() and set(name) <= NAME_CHARS, name
        assert name not in ('nan', 'inf', 'infinity')
        assert (name, t) not in seen, (name, t)
        seen.add((name, t))
    lines = [f'{len(readings)} {a} {b}']
    lines += [f'{t} {name} {fmt_value(m)}' for t, name, m in readings]
    text = '\n'.join(lines) + '\n'
    assert parse_back(text) == readings
    return text


def parse_back(text):
    tokens = text.split()
    n = int(tokens[0])
    return [(int(tokens[3 + 3 * i]), tokens[4 + 3 * i], parse_milli(tokens[5 + 3 * i])) for i in range(n)]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='ascii', newline='\n') as f:
        f.write(text)


def clean():
    for root, _, files in os.walk(TESTS):
        for f in files:
            if f.endswith('.in') or f.endswith('.ans'):
                os.remove(os.path.join(root, f))


def v(x):
    """value given as text in the source -> thousandths"""
    return parse_milli(str(x))


def series(rng, name, times, base, spread, decimals=1):
    """A random walk of readings at the given times."""
    out = []
    step = 10 ** (3 - decimals)
    cur = base
    for t in times:
        cur += rng.randint(-spread, spread)
        cur = max(-MAX_V, min(MAX_V, cur))
        out.append((t, name, cur - cur % step if cur >= 0 else -((-cur) - (-cur) % step)))
    return out


def distinct_times(rng, count, lo, hi):
    assert hi - lo + 1 >= count
    if hi - lo + 1 <= 4 * count:
        ts = list(range(lo, hi + 1))
        rng.shuffle(ts)
        return sorted(ts[:count])
    chosen = set()
    out = []
    while len(out) < count:
        t = rng.randint(lo, hi)
        if t not in chosen:
            chosen.add(t)
            out.append(t)
    return sorted(out)


PLACES = ['boiler', 'attic', 'cellar', 'roof', 'kitchen', 'lab', 'garage', 'office', 'freezer',
          'pump', 'tank', 'greenhouse', 'server-room', 'hall', 'lobby', 'stairs', 'wing-a',
          'wing-b', 'dock', 'yard']
KINDS = ['temp', 'hum', 'co2', 'press', 'flow', 'lux', 'noise', 'volt', 'amp', 'pm25']


def sensor_names(rng, count):
    names = []
    seen = set()
    while len(names) < count:
        name = f'{rng.choice(PLACES)}-{rng.choice(KINDS)}{rng.choice(["", "-", "_"])}{rng.randint(1, 999)}'
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


# ---------------------------------------------------------------- tests

def samples():
    yield 100, 200, [
        (150, 'boiler', v('60.5')),
        (90, 'boiler', v('50')),
        (130, 'attic', v('18')),
        (120, 'boiler', v('70')),
        (300, 'boiler', v('10')),
        (260, 'attic', v('30')),
        (210, 'cellar', v('12')),
        (160, 'attic', v('21')),
    ]
    # ASCII order of names, a reading long before the window, negative values
    yield 1000, 1060, [
        (1000, 'temp2', v('-4.25')),
        (1030, 'temp2', v('-3.75')),
        (1059, 'temp10', v('7')),
        (0, 'temp-2', v('20.5')),
        (1020, 'temp_2', v('1.125')),
        (1060, 'temp_2', v('99')),
    ]


def group_single():
    # 01: readings before, inside and after the window, in chronological order
    yield 3600, 7200, [
        (0, 'boiler', v('55.5')), (1800, 'boiler', v('61')), (4000, 'boiler', v('64.2')),
        (4500, 'boiler', v('66')), (6100, 'boiler', v('63.9')), (7200, 'boiler', v('20')),
        (9000, 'boiler', v('58'))]
    # 02: one reading before the window only
    yield 500, 1000, [(499, 'attic', v('12.75'))]
    # 03: random walk, one reading per minute over a day, window in the middle
    rng = random.Random(1003)
    times = list(range(0, 86400, 60))
    yield 30000, 61234, series(rng, 'greenhouse-temp', times, 21000, 300, 2)


def group_unordered():
    # 01: a handful of sensors, shuffled
    rng = random.Random(2001)
    rs = []
    for name in ['office-temp', 'office-hum', 'lab-co2', 'hall-temp']:
        times = distinct_times(rng, 12, 0, 1000)
        times[0] = 0
        rs += series(rng, name, times, rng.randint(0, 50000), 2000, 1)
    rng.shuffle(rs)
    yield 100, 900, rs
    # 02: 50 sensors, irregular times
    rng = random.Random(2002)
    rs = []
    for name in sensor_names(rng, 50):
        times = distinct_times(rng, rng.randint(1, 40), 0, 100000)
        times[0] = rng.randint(0, min(times[0], 20000))
        rs += series(rng, name, sorted(set(times)), rng.randint(-20000, 50000), 5000, 3)
    rng.shuffle(rs)
    yield 20000, 90000, rs
    # 03: two sensors whose readings interleave, given newest first
    rng = random.Random(2003)
    rs = series(rng, 'pump-flow', list(range(0, 5000, 7)), 3000, 400, 3)
    rs += series(rng, 'pump-press', list(range(3, 5000, 11)), 101325, 500, 2)
    rs.sort(key=lambda r: (-r[0], r[1]))
    yield 1000, 4321, rs


def group_edges():
    # 01: coverage corner cases
    yield 1000, 2000, [
        (1000, 'starts-at-a', v('10')), (1500, 'starts-at-a', v('20')),
        (1500, 'starts-inside', v('8')), (1750, 'starts-inside', v('4')),
        (2000, 'starts-at-b', v('5')),
        (2500, 'starts-after', v('1')),
        (1999, 'last-second', v('-7.5')), (2001, 'last-second', v('100')),
        (999, 'before-a', v('3')), (1000, 'before-a', v('6')),
        (0, 'zero-avg', v('-2')), (1500, 'zero-avg', v('2')),
        (10, 'before-only', v('-0.001')),
        (2000, 'reading-at-b', v('1000')), (1200, 'reading-at-b', v('0.5')),
    ]
    # 02: window of length one, huge timestamps, extreme values
    yield MAX_T - 1, MAX_T, [
        (0, 'a', v('10000')), (MAX_T, 'a', v('-10000')),
        (MAX_T - 1, 'b', v('-10000')),
        (MAX_T, 'c', v('1')),
        (123456789, 'd', v('0.001')), (MAX_T - 2, 'd', v('-0.001')),
    ]
    # 03: name order: '-' < digits < '_' < letters; many near-identical names
    rng = random.Random(4003)
    names = ['temp', 'temp-1', 'temp-10', 'temp-2', 'temp0', 'temp1', 'temp10', 'temp2',
             'temp_1', 'temp_a', 'tempa', 'tempb', 'tem', 'te-mp', 't', 'z', 'a', 'a-', 'a_', 'a0']
    rs = []
    for name in names:
        times = distinct_times(rng, rng.randint(1, 6), 0, 100)
        rs += series(rng, name, times, rng.randint(-5000, 5000), 3000, 3)
    rng.shuffle(rs)
    yield 40, 60, rs
    # 04: the whole window precedes every reading of some sensors, full range
    #     [0, 10^9] for the others; large integrals that overflow 32 bits
    rng = random.Random(4004)
    rs = []
    for name in sensor_names(rng, 30):
        times = distinct_times(rng, rng.randint(1, 30), 0, MAX_T)
        if rng.random() < 0.5:
            times[0] = 0
        rs += series(rng, name, times, rng.choice([-MAX_V, MAX_V, 0]), 200000, 3)
    rng.shuffle(rs)
    yield 0, MAX_T, rs


def group_large():
    # 01: medium: 3000 readings, 400 sensors
    rng = random.Random(5001)
    rs = []
    names = sensor_names(rng, 400)
    for name in names:
        times = distinct_times(rng, rng.randint(1, 14), 0, 10 ** 6)
        rs += series(rng, name, times, rng.randint(-10000, 40000), 1500, rng.randint(0, 3))
    rng.shuffle(rs)
    yield 250000, 750000, rs[:3000]
    # 02: 36000 readings, ~15000 sensors, one sensor reports very often
    rng = random.Random(5002)
    rs = []
    base = 1700000000 - 10 ** 9  # timestamps stay within [0, 10^9]
    names = sensor_names(rng, 15000)
    for name in names[:-1]:
        times = distinct_times(rng, rng.randint(1, 2), base, base + 86400)
        rs += series(rng, name, times, rng.randint(-10000, 40000), 1500, rng.randint(0, 3))
    times = distinct_times(rng, 36000 - len(rs), base - 3600, base + 86400)
    rs += series(rng, names[-1], times, 20000, 100, 2)
    rng.shuffle(rs)
    yield base + 21600, base + 64800, rs
    # 03: 30000 readings of 3 sensors, 20000 of them from one sensor
    rng = random.Random(5003)
    rs = []
    rs += series(rng, 'dock-temp-1', distinct_times(rng, 20000, 0, MAX_T), 5000, 800, 3)
    rs += series(rng, 'dock-temp-2', distinct_times(rng, 6000, 0, MAX_T), -5000, 800, 3)
    rs += series(rng, 'dock-hum-1', distinct_times(rng, 4000, 0, MAX_T), 60000, 2000, 1)
    rng.shuffle(rs)
    yield 123456789, 987654321, rs


GROUPS = [
    ('single', group_single),
    ('unordered', group_unordered),
    ('edges', group_edges),
    ('large', group_large),
]


def main():
    clean()
    for i, (a, b, rs) in enumerate(samples(), 1):
        text = render(a, b, rs)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.in'), text)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.ans'), solve(text))
    for group, make in GROUPS:
        for i, (a, b, rs) in enumerate(make(), 1):
            text = render(a, b, rs)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.in'), text)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.ans'), solve(text))


if __name__ == '__main__':
    sys.exit(main())
