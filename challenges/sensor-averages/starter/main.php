<?php

$data = preg_split('/\s+/', trim(stream_get_contents(STDIN)));
$n = (int) $data[0];
$a = (int) $data[1];
$b = (int) $data[2];
$readings = []; // [time, sensor name, value]
for ($i = 0; $i < $n; $i++) {
    $readings[] = [(int) $data[3 + 3 * $i], $data[4 + 3 * $i], (float) $data[5 + 3 * $i]];
}

// TODO: for every sensor, sorted by name, compute its time-weighted average
// over [a, b] (or '-') and add a line sprintf('%s %.9f', $name, $avg) to $out
$out = [];
echo implode('', array_map(fn ($s) => $s . "\n", $out));
