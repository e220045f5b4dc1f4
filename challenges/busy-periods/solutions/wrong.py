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
    # Wrong: bookings that only touch (one ends as the next starts) stay separate periods.
    periods: list[Period] = []
    for b in sorted(bookings, key=lambda b: b.start):
        if periods and b.start < periods[-1].end:
            periods[-1].end = max(periods[-1].end, b.end)
        else:
            periods.append(Period(b.start, b.end))
    return periods
