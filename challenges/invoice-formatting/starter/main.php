<?php

$lines = explode("\n", stream_get_contents(STDIN));
[$n, $w, $r] = array_map('intval', preg_split('/\s+/', trim($lines[0])));
$items = []; // [quantity, unit price in cents, name]
for ($i = 1; $i <= $n; $i++) {
    // the name is the rest of the line and may contain spaces
    [$q, $p, $name] = explode(' ', rtrim($lines[$i], "\r"), 3);
    $items[] = [(int) $q, (int) $p, $name];
}

// TODO: merge equal items, lay out the invoice and add its lines to $out
// (PHP integers are 64-bit: enough for the money)
$out = [];
echo implode('', array_map(fn ($s) => $s . "\n", $out));
