interface Seat {
  row: number;
  column: number;
}

function findSeats(taken: boolean[][], group: number): Seat | null {
  for (const [row, seats] of taken.entries()) {
    let free = 0;
    for (const [column, sold] of seats.entries()) {
      free = sold ? 0 : free + 1;
      if (free === group) return { row, column: column - group + 1 };
    }
  }
  return null;
}
