from dataclasses import dataclass


@dataclass
class Seat:
    row: int
    column: int


def find_seats(taken: list[list[bool]], group: int) -> Seat | None:
    for r, row in enumerate(taken):
        free = 0  # free seats in a row ending at column c
        for c, seat in enumerate(row):
            free = 0 if seat else free + 1
            if free == group:
                return Seat(r, c - group + 1)
    return None
