/**
 * @param {boolean[][]} taken
 * @param {number} group
 * @returns {{ row: number, column: number } | null}
 */
function findSeats(taken, group) {
  for (let row = 0; row < taken.length; row++) {
    let free = 0; // free seats in a row ending at this column
    for (let column = 0; column < taken[row].length; column++) {
      free = taken[row][column] ? 0 : free + 1;
      if (free === group) return { row, column: column - group + 1 };
    }
  }
  return null;
}
