<?php
fgets(STDIN);
$total = array_sum(array_map('intval', preg_split('/\s+/', trim(fgets(STDIN)))));
$chunks = [];
while (count($chunks) < 4096) {
    // A fresh 1 MiB string each time, every byte written; PHP's own
    // memory_limit is off, so the container's limit ends this.
    $chunks[] = str_repeat(chr(count($chunks) % 251 + 1), 1 << 20);
}
echo $total + count($chunks), "\n";
