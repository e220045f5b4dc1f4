<?php
fgets(STDIN);
$total = array_sum(array_map('intval', preg_split('/\s+/', trim(fgets(STDIN)))));
while (true) {
    $total = ($total * 31 + 7) % 1000003;
}
