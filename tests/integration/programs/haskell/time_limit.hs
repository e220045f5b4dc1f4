spin :: Int -> Int
spin s = spin ((s * 31 + 7) `mod` 1000003)

main :: IO ()
main = do
  (_ : numbers) <- map read . words <$> getContents
  print (spin (sum numbers))
