<?php

// $adj[$u] is a list of [$v, $w]: a one-way road u -> v taking w minutes.
// PHP integers are 64-bit, so the distances fit.
function shortest_distances(int $n, array $adj): array
{
    // TODO: return an array of n values, the shortest travel time from depot 1
    // to nodes 1..n, with -1 for nodes that cannot be reached.
    return array_fill(0, $n, -1);
}

$data = preg_split('/\s+/', trim(stream_get_contents(STDIN)));
$n = (int) $data[0];
$m = (int) $data[1];
$adj = array_fill(0, $n + 1, []);
for ($i = 0; $i < $m; $i++) {
    $u = (int) $data[2 + 3 * $i];
    $v = (int) $data[3 + 3 * $i];
    $w = (int) $data[4 + 3 * $i];
    $adj[$u][] = [$v, $w];
}
$dist = shortest_distances($n, $adj);
echo implode("\n", $dist), "\n";
