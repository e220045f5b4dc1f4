/**
 * @param {{ room: string, start: number, end: number }[]} bookings
 * @returns {{ start: number, end: number }[]}
 */
function busyPeriods(bookings) {
  const periods = [];
  for (const b of [...bookings].sort((x, y) => x.start - y.start)) {
    const last = periods[periods.length - 1];
    // Touching bookings (one ends as the next starts) leave no free minute: one period.
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else periods.push({ start: b.start, end: b.end });
  }
  return periods;
}
