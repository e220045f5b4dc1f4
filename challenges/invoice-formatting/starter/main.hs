-- One input line: quantity, unit price in cents, and the name (the rest of
-- the line, which may contain spaces). Int is 64 bits, enough for the money.
data Item = Item {qty :: Int, price :: Int, name :: String}

parseItem :: String -> Item
parseItem line =
  let (q, rest) = break (== ' ') line
      (p, rest') = break (== ' ') (drop 1 rest)
   in Item (read q) (read p) (filter (/= '\r') (drop 1 rest'))

-- TODO: merge equal items and lay out the invoice: return its lines.
invoice :: Int -> Int -> [Item] -> [String]
invoice _w _r _items = []

main :: IO ()
main = do
  (header : rest) <- lines <$> getContents
  let [n, w, r] = map read (words header)
      items = map parseItem (take n rest)
  putStr (unlines (invoice w r items))
