-- One log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
data Entry = Entry {timestamp :: String, target :: String, status :: Int, latency :: Int}

-- TODO: return the output lines, one "endpoint count errors p95" per
-- endpoint, sorted by endpoint.
aggregate :: [Entry] -> [String]
aggregate _entries = []

main :: IO ()
main = do
  (count : fields) <- words <$> getContents
  let entries = take (read count) (parse fields)
  putStr (unlines (aggregate entries))
  where
    parse (t : u : s : l : more) = Entry t u (read s) (read l) : parse more
    parse _ = []
