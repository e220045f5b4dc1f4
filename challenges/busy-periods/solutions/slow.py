from dataclasses import dataclass


@dataclass
class Booking:
    room: str
    start: int
    end: int


@dataclass
class Period:
    start: int
    end: int


def busy_periods(bookings: list[Booking]) -> list[Period]:
    # Right, but quadratic: joins every pair of overlapping or touching bookings.
    n = len(bookings)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            a, b = bookings[i], bookings[j]
            if a.start <= b.end and b.start <= a.end:
                parent[find(i)] = find(j)
    spans = {}
    for i, b in enumerate(bookings):
        root = find(i)
        lo, hi = spans.get(root, (b.start, b.end))
        spans[root] = (min(lo, b.start), max(hi, b.end))
    return [Period(lo, hi) for lo, hi in sorted(spans.values())]
