<?php

// $meetings: list of [start, end] pairs, each meeting occupies [start, end).
function min_rooms(array $meetings): int
{
    // TODO: return the minimum number of rooms needed.
    return 0;
}

$data = preg_split('/\s+/', trim(stream_get_contents(STDIN)));
$n = (int) $data[0];
$meetings = [];
for ($i = 0; $i < $n; $i++) {
    $meetings[] = [(int) $data[1 + 2 * $i], (int) $data[2 + 2 * $i]];
}
echo min_rooms($meetings), "\n";
