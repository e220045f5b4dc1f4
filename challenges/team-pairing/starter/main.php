<?php

$data = preg_split('/\s+/', trim(stream_get_contents(STDIN)));
$n = (int) $data[0];
$d = (int) $data[1];
$skill = []; // $skill[$i] is the rating of developer $i + 1
$role = [];  // 'S' (senior) or 'J' (junior)
for ($i = 0; $i < 2 * $n; $i++) {
    $skill[] = (int) $data[2 + 2 * $i];
    $role[] = $data[3 + 2 * $i];
}

// TODO: find n valid pairs and add them as "a b" lines (1-based numbers)
// to $out, or print IMPOSSIBLE
$out = [];
echo implode('', array_map(fn ($s) => $s . "\n", $out));
