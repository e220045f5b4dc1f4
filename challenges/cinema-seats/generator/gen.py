#!/usr/bin/env python3
"""Deterministic test generator for the cinema-seats package.

Run from anywhere:  python3 generator/gen.py
It rewrites tests/sample/ and tests/hidden/<group>/ completely. Each test's
.in is the function's arguments as a JSON array ([taken, group]); its .ans
the expected return value as JSON (a seat, or null). Standard library only.
"""
import json
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TESTS = os.path.join(ROOT, "tests")


def solve(taken, group):
    """Reference: per row, count the free seats in a run; the first run to reach `group` wins."""
    for r, row in enumerate(taken):
        run = 0
        for c, seat in enumerate(row):
            run = 0 if seat else run + 1
            if run == group:
                return {"row": r, "column": c - group + 1}
    return None


def hall(rng, rows, cols, busy):
    return [[rng.random() < busy for _ in range(cols)] for _ in range(rows)]


def write(folder, name, taken, group):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".in"), "w", encoding="utf-8") as f:
        json.dump([taken, group], f, separators=(",", ":"))
        f.write("\n")
    with open(os.path.join(folder, name + ".ans"), "w", encoding="utf-8") as f:
        json.dump(solve(taken, group), f, separators=(",", ":"))
        f.write("\n")


def main():
    shutil.rmtree(TESTS, ignore_errors=True)
    sample = os.path.join(TESTS, "sample")
    t, f = True, False
    write(sample, "01", [[t, f, f, t, f], [f, f, f, t, t], [f, f, f, f, f]], 3)
    write(sample, "02", [[t, t], [f, t]], 2)

    small = os.path.join(TESTS, "hidden", "small")
    write(small, "01-empty-hall", [], 1)
    write(small, "02-one-free-seat", [[t, t, f]], 1)
    write(small, "03-run-at-row-end", [[t, f, f], [f, f, f]], 2)
    write(small, "04-whole-row", [[f] * 7], 7)
    write(small, "05-too-big", [[f] * 7, [f] * 7], 8)
    write(small, "06-empty-rows", [[], [], [f]], 1)
    for i in range(7, 10):
        rng = random.Random(100 + i)
        write(small, f"0{i}-random", hall(rng, rng.randint(1, 6), rng.randint(1, 8), 0.4), rng.randint(1, 3))

    medium = os.path.join(TESTS, "hidden", "medium")
    for i in range(1, 5):
        rng = random.Random(200 + i)
        write(medium, f"0{i}", hall(rng, 60, 60, 0.3), 3 + i)

    large = os.path.join(TESTS, "hidden", "large")
    # Rows whose free runs fall one seat short of the group, and the only fit near the back.
    for i in range(1, 4):
        rng = random.Random(300 + i)
        group = 150 + 50 * i
        rows = []
        for _ in range(400):
            offset = rng.randrange(group)
            rows.append([(c + offset) % group == 0 for c in range(400)])
        if i != 3:
            back = 400 - rng.randint(1, 20)
            start = rng.randrange(0, 400 - group)
            rows[back] = [not (start <= c < start + group) and c % 7 == 0 for c in range(400)]
        write(large, f"0{i}", rows, group)

if __name__ == "__main__":
    main()
