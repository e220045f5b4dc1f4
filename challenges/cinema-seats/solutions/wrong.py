from dataclasses import dataclass


@dataclass
class Seat:
    row: int
    column: int


def find_seats(taken: list[list[bool]], group: int) -> Seat | None:
    # Wrong: a run of free seats that reaches the end of its row is never counted.
    for r, row in enumerate(taken):
        free = 0
        for c, seat in enumerate(row):
            if seat:
                if free >= group:
                    return Seat(r, c - free)
                free = 0
            else:
                free += 1
    return None
