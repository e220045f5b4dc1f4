<?php
$n = (int) trim(fgets(STDIN));
$total = array_sum(array_map('intval', preg_split('/\s+/', trim(fgets(STDIN)))));
echo intdiv($total, $n - $n), "\n"; // DivisionByZeroError, uncaught: exit status 255
