<?php
$n = (int) trim(fgets(STDIN));
function total($numbers {
    return array_sum($numbers);
}
echo total(explode(' ', trim(fgets(STDIN)))), "\n";
