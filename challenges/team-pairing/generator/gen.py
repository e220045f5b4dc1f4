#!/usr/bin/env python3
"""Deterministic test generator for the team-pairing challenge.

Run from the package folder:  python3 generator/gen.py
It rewrites every file in tests/sample and tests/hidden/<group>/ and must
reproduce the committed tests byte for byte (fixed seeds, standard library
only, no iteration over sets or hash-ordered containers).

The .ans files hold one valid pairing (or IMPOSSIBLE); the custom checker
only uses them to learn whether a pairing exists.
"""
import os
import random
import sys

PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(PKG, 'tests')

MAX_N = 100000
MAX_S = 10 ** 9


# ---------------------------------------------------------------- reference

def solve(text):
    tokens = text.split()
    n, d = int(tokens[0]), int(tokens[1])
    seniors, juniors = [], []
    for i in range(2 * n):
        s, role = int(tokens[2 + 2 * i]), tokens[3 + 2 * i]
        (seniors if role == 'S' else juniors).append((s, i + 1))
    if len(seniors) != len(juniors):
        return 'IMPOSSIBLE\n'
    seniors.sort()
    juniors.sort()
    # If any valid pairing exists, pairing the k-th weakest senior with the
    # k-th weakest junior is valid too (exchange argument).
    if any(abs(a[0] - b[0]) > d for a, b in zip(seniors, juniors)):
        return 'IMPOSSIBLE\n'
    return ''.join(f'{a[1]} {b[1]}\n' for a, b in zip(seniors, juniors))


# ---------------------------------------------------------------- helpers

def render(d, devs):
    """devs: list of (skill, role) in input order."""
    assert len(devs) % 2 == 0 and 1 <= len(devs) // 2 <= MAX_N
    assert 0 <= d <= MAX_S
    assert all(0 <= s <= MAX_S and r in 'SJ' for s, r in devs)
    lines = [f'{len(devs) // 2} {d}'] + [f'{s} {r}' for s, r in devs]
    return '\n'.join(lines) + '\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='ascii', newline='\n') as f:
        f.write(text)


def clean():
    for root, _, files in os.walk(TESTS):
        for f in files:
            if f.endswith('.in') or f.endswith('.ans'):
                os.remove(os.path.join(root, f))


def possible(rng, n, d, lo=0, hi=MAX_S, tight=0.5):
    """n senior/junior couples, each within d of each other, shuffled.
    With probability `tight` a couple's difference is exactly d (or close)."""
    devs = []
    for _ in range(n):
        s = rng.randint(lo, hi)
        if rng.random() < tight:
            off = rng.choice([-d, d, -d + (d > 0), d - (d > 0)])
        else:
            off = rng.randint(-d, d)
        j = s + off
        if not lo <= j <= hi:
            j = s - off
        j = min(max(j, lo), hi)
        devs.append((s, 'S'))
        devs.append((j, 'J'))
    rng.shuffle(devs)
    return devs


def break_one(rng, devs, d, lo=0, hi=MAX_S):
    """Move one developer so that no valid pairing is left (checked)."""
    for _ in range(1000):
        out = list(devs)
        k = rng.randrange(len(out))
        s, r = out[k]
        out[k] = (min(max(s + rng.choice([-1, 1]) * rng.randint(d + 1, 3 * d + 10), lo), hi), r)
        if solve(render(d, out)) == 'IMPOSSIBLE\n':
            return out
    raise RuntimeError('could not break the instance')


def clustered(rng, n, d, clusters, spread):
    """Developers in a few skill clusters; many valid pairings, many ties."""
    centers = [rng.randint(spread, MAX_S // 1000 - spread) for _ in range(clusters)]
    devs = []
    for _ in range(n):
        c = rng.choice(centers)
        s = c + rng.randint(-spread, spread)
        j = min(max(s + rng.randint(-d, d), 0), MAX_S)
        devs += [(s, 'S'), (j, 'J')]
    rng.shuffle(devs)
    return devs


# ---------------------------------------------------------------- tests

def samples():
    yield 10, [(50, 'S'), (55, 'J'), (72, 'S'), (45, 'J'), (60, 'S'), (65, 'J')]
    yield 3, [(10, 'S'), (20, 'S'), (11, 'J'), (30, 'J')]
    yield 100, [(5, 'S'), (7, 'S')]


def group_small():
    # 01: picking the closest junior for each senior in input order fails here
    yield 2, [(4, 'S'), (2, 'S'), (3, 'J'), (6, 'J')]
    # 02: a single pair with equal skills and D = 0
    yield 0, [(777, 'J'), (777, 'S')]
    # 03: more seniors than juniors
    yield MAX_S, [(1, 'S'), (2, 'J'), (3, 'S'), (4, 'S'), (5, 'J'), (6, 'S')]
    # 04: random possible instances, only tight couples
    rng = random.Random(1004)
    yield 5, possible(rng, 10, 5, 0, 60, tight=1.0)
    # 05: random impossible instance
    rng = random.Random(1005)
    yield 4, break_one(rng, possible(rng, 9, 4, 0, 50, tight=0.8), 4, 0, 50)
    # 06: extremes of the skill range
    yield MAX_S, [(0, 'S'), (MAX_S, 'J'), (MAX_S, 'S'), (0, 'J')]
    # 07: greedy trap again, a chain where every senior has two candidates
    yield 10, [(20, 'S'), (30, 'S'), (40, 'S'), (15, 'J'), (25, 'J'), (35, 'J'), (10, 'S'), (45, 'J')]


def group_zero():
    # 01: D = 0, the multisets of skills are equal (many duplicates)
    rng = random.Random(2001)
    skills = [rng.randint(1000, 1100) for _ in range(1000)]
    devs = [(s, 'S') for s in skills] + [(s, 'J') for s in skills]
    rng.shuffle(devs)
    yield 0, devs
    # 02: D = 0, one junior differs by one
    rng = random.Random(2002)
    skills = [rng.randint(1000, 1100) for _ in range(1000)]
    devs = [(s, 'S') for s in skills] + [(s, 'J') for s in skills[:-1]] + [(skills[-1] + 1, 'J')]
    rng.shuffle(devs)
    yield 0, devs


def group_medium():
    rng = random.Random(3001)
    yield 50, possible(rng, 1500, 50, 0, 100000, tight=0.7)
    rng = random.Random(3002)
    yield 50, break_one(rng, possible(rng, 1500, 50, 0, 100000, tight=0.7), 50, 0, 100000)
    rng = random.Random(3003)
    yield 3, clustered(rng, 1500, 3, 5, 20)
    rng = random.Random(3004)
    # all seniors listed first, then the juniors
    devs = possible(rng, 1200, 1000, 0, 10 ** 6, tight=0.9)
    devs.sort(key=lambda x: x[1], reverse=True)
    yield 1000, devs


def group_large():
    # 01: medium size, fine for a quadratic solution
    rng = random.Random(4001)
    yield 20, possible(rng, 1500, 20, 0, 10 ** 6, tight=0.6)
    # 02: 30000 pairs, tight
    rng = random.Random(4002)
    yield 200, possible(rng, 30000, 200, 0, 10 ** 6, tight=0.8)
    # 03: 30000 pairs, impossible because of a single developer
    rng = random.Random(4003)
    yield 200, break_one(rng, possible(rng, 30000, 200, 0, 10 ** 6, tight=0.8), 200, 0, 10 ** 6)
    # 04: 20000 pairs over the whole skill range
    rng = random.Random(4004)
    yield 10 ** 6, possible(rng, 20000, 10 ** 6, 0, MAX_S, tight=0.5)


GROUPS = [
    ('small', group_small),
    ('zero-tolerance', group_zero),
    ('medium', group_medium),
    ('large', group_large),
]


def main():
    clean()
    for i, (d, devs) in enumerate(samples(), 1):
        text = render(d, devs)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.in'), text)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.ans'), solve(text))
    for group, make in GROUPS:
        for i, (d, devs) in enumerate(make(), 1):
            text = render(d, devs)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.in'), text)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.ans'), solve(text))


if __name__ == '__main__':
    sys.exit(main())
