-- The list is kept whole: `length` walks it while `sum` still needs it from
-- the start. The heap passes its cap (+RTS -M) and GHC's runtime ends the
-- program: "Heap exhausted", status 251.
main :: IO ()
main = do
  (n : _) <- map read . words <$> getContents
  let xs = [1 .. n * 1000000000] :: [Int]
  print (length xs, sum xs)
