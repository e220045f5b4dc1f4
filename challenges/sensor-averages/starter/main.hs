-- One reading: its time, the sensor's name and the value.
data Reading = Reading {time :: Int, sensor :: String, value :: Double}

-- TODO: for every sensor, sorted by name, compute its time-weighted average
-- over [a, b] (or "-") and return a line for it, e.g. with
-- Text.Printf's printf "%s %.9f" name avg.
averages :: Int -> Int -> [Reading] -> [String]
averages _a _b _readings = []

main :: IO ()
main = do
  (n : a : b : fields) <- words <$> getContents
  let readings = take (read n) (parse fields)
  putStr (unlines (averages (read a) (read b) readings))
  where
    parse (t : s : v : more) = Reading (read t) s (read v) : parse more
    parse _ = []
