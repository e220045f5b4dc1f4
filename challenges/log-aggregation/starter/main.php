<?php

// $entries: list of [timestamp, target, status, latency], e.g.
// ['2024-03-01T09:00:01Z', '/api/users?id=42', 200, 35].
function aggregate(array $entries): array
{
    // TODO: return the output lines, one "endpoint count errors p95" string
    // per endpoint, sorted by endpoint.
    return [];
}

$data = preg_split('/\s+/', trim(stream_get_contents(STDIN)));
$n = (int) $data[0];
$entries = [];
for ($i = 0; $i < $n; $i++) {
    $k = 1 + 4 * $i;
    $entries[] = [$data[$k], $data[$k + 1], (int) $data[$k + 2], (int) $data[$k + 3]];
}
$lines = aggregate($entries);
if ($lines) {
    echo implode("\n", $lines), "\n";
}
