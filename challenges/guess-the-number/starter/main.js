'use strict';

const readline = require('readline');

async function main() {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const next = async () => ((await lines.next()).value ?? '').trim();
  const n = Number(await next());
  // TODO: this tries every number in turn; find the secret number within the allowed guesses
  for (let guess = 1; guess <= n; guess++) {
    // Node writes to a pipe at once, with nothing left in a buffer; in other
    // languages the guess must be flushed, or the judge never sees it.
    process.stdout.write(`guess ${guess}\n`);
    const reply = await next();
    if (reply !== 'higher') break; // 'correct' (or the judge has ended the game): stop, printing nothing more
  }
  process.exit(0);
}

main();
