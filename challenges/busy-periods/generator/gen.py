#!/usr/bin/env python3
"""Deterministic test generator for the busy-periods package.

Run from anywhere:  python3 generator/gen.py
It rewrites tests/sample/ and tests/hidden/<group>/ completely. Each test's
.in is the function's arguments as a JSON array; its .ans the expected
return value as JSON. Standard library only; every test has its own seed.
"""
import json
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TESTS = os.path.join(ROOT, "tests")
WEEK = 7 * 24 * 60
ROOMS = ["Aula", "Bryggan", "Cedern", "Dalen", "Eken", "قاعة ١", "Кімната 2", "ክፍሊ 3"]


def solve(bookings):
    """Reference: sort by start, extend the last period while the next booking starts at or before its end."""
    periods = []
    for b in sorted(bookings, key=lambda b: b["start"]):
        if periods and b["start"] <= periods[-1]["end"]:
            periods[-1]["end"] = max(periods[-1]["end"], b["end"])
        else:
            periods.append({"start": b["start"], "end": b["end"]})
    return periods


def booking(rng, longest):
    start = rng.randrange(0, WEEK - 1)
    end = min(WEEK, start + rng.randint(1, longest))
    return {"room": rng.choice(ROOMS), "start": start, "end": end}


def write(folder, name, bookings):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".in"), "w", encoding="utf-8") as f:
        json.dump([bookings], f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    with open(os.path.join(folder, name + ".ans"), "w", encoding="utf-8") as f:
        json.dump(solve(bookings), f, separators=(",", ":"))
        f.write("\n")


def main():
    shutil.rmtree(TESTS, ignore_errors=True)
    sample = os.path.join(TESTS, "sample")
    write(sample, "01", [
        {"room": "Aula", "start": 540, "end": 600},
        {"room": "Eken", "start": 570, "end": 630},
        {"room": "Aula", "start": 720, "end": 780},
    ])
    # Touching bookings make one period: the room is busy without a break.
    write(sample, "02", [
        {"room": "Dalen", "start": 60, "end": 120},
        {"room": "Cedern", "start": 0, "end": 60},
        {"room": "Dalen", "start": 120, "end": 180},
    ])

    small = os.path.join(TESTS, "hidden", "small")
    write(small, "01-empty", [])
    write(small, "02-one", [{"room": "Aula", "start": 0, "end": WEEK}])
    write(small, "03-nested", [
        {"room": "Aula", "start": 100, "end": 900},
        {"room": "Eken", "start": 200, "end": 300},
        {"room": "Aula", "start": 250, "end": 260},
    ])
    write(small, "04-touching-chain", [{"room": "Bryggan", "start": 10 * i, "end": 10 * i + 10} for i in range(9, -1, -1)])
    write(small, "05-same-times", [{"room": r, "start": 30, "end": 45} for r in ROOMS])
    for i in range(6, 9):
        rng = random.Random(1000 + i)
        write(small, f"0{i}-random", [booking(rng, 120) for _ in range(rng.randint(2, 10))])

    medium = os.path.join(TESTS, "hidden", "medium")
    for i in range(1, 5):
        rng = random.Random(2000 + i)
        write(medium, f"0{i}", [booking(rng, 30 * i) for _ in range(1000)])

    large = os.path.join(TESTS, "hidden", "large")
    for i in range(1, 4):
        rng = random.Random(3000 + i)
        # Short bookings spread over the week: many periods, so a solution that rescans them is too slow.
        write(large, f"0{i}", [booking(rng, 3) for _ in range(20000)])


if __name__ == "__main__":
    main()
