<?php
$n = (int) trim(fgets(STDIN));
$numbers = array_map('intval', preg_split('/\s+/', trim(fgets(STDIN))));
if (count($numbers) !== $n) {
    exit(1);
}
echo array_sum($numbers), "\n";
