#!/usr/bin/env python3
"""Deterministic test generator for the guess-the-number challenge.

Run from the package folder:  python3 generator/gen.py
It rewrites every file in tests/sample and tests/hidden/<group>/ and must
reproduce the committed tests byte for byte (fixed seeds, standard library
only).

Each .in holds "N S": the range 1..N and the hidden number S. Only the
interactor reads it; the candidate's program is told N and nothing else.
The .ans holds S again: Kattis tools expect an answer file, and a person
reading the tests sees the secret without parsing the input. Each sample
also gets a .interaction transcript of a binary search, in the Kattis
convention: '<' lines the program reads, '>' lines it writes.
"""
import os
import random

PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(PKG, 'tests')
MAX_N = 10 ** 9


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='ascii', newline='\n') as f:
        f.write(text)


def transcript(n, secret):
    """The exchange of a binary search taking the lower middle, as the sample shows it."""
    lines = [f'<{n}']
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        lines.append(f'>guess {mid}')
        if mid == secret:
            lines.append('<correct')
            return '\n'.join(lines) + '\n'
        if secret < mid:
            lines.append('<lower')
            hi = mid - 1
        else:
            lines.append('<higher')
            lo = mid + 1


def write_test(folder, name, n, secret, sample=False):
    assert 1 <= secret <= n <= MAX_N
    base = os.path.join(TESTS, folder, name)
    write(base + '.in', f'{n} {secret}\n')
    write(base + '.ans', f'{secret}\n')
    if sample:
        write(base + '.interaction', transcript(n, secret))


def main():
    write_test('sample', '01', 10, 7, sample=True)
    write_test('sample', '02', 3, 3, sample=True)

    # small: every path of a search shows up at least once on a short range
    small = [(1, 1), (2, 1), (2, 2), (3, 2), (10, 7), (16, 16), (17, 9), (100, 37), (100, 64)]
    for i, (n, s) in enumerate(small, 1):
        write_test('hidden/small', f'{i:02d}', n, s)

    # edge: the ends of the range, where off-by-one searches run out of guesses
    edge = [(7, 1), (7, 7), (1024, 1), (1024, 1024), (1025, 1025), (MAX_N, 1), (MAX_N, MAX_N), (MAX_N - 1, MAX_N - 1)]
    for i, (n, s) in enumerate(edge, 1):
        write_test('hidden/edge', f'{i:02d}', n, s)

    # large: big ranges, secrets anywhere; a linear search cannot finish these
    rng = random.Random(20240611)
    large = [(MAX_N, rng.randint(1, MAX_N)) for _ in range(4)]
    large += [(n, rng.randint(1, n)) for n in (999_999_937, 536_870_912, 536_870_913, 123_456_789)]
    for i, (n, s) in enumerate(large, 1):
        write_test('hidden/large', f'{i:02d}', n, s)


if __name__ == '__main__':
    main()
