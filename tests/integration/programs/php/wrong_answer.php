<?php
fgets(STDIN);
echo array_sum(array_map('intval', preg_split('/\s+/', trim(fgets(STDIN))))) + 1, "\n";
