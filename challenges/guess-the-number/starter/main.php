<?php

$n = (int) trim(fgets(STDIN));
// TODO: this tries every number in turn; find the secret number within the allowed guesses
for ($guess = 1; $guess <= $n; $guess++) {
    fwrite(STDOUT, "guess $guess\n");
    // fflush sends the line now: without it the guess may wait in a buffer
    // while your program waits for the reply, and the judge never sees it.
    fflush(STDOUT);
    $reply = fgets(STDIN);
    if ($reply === false || trim($reply) !== 'higher') {
        break; // "correct": stop, printing nothing more
    }
}
