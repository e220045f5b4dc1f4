main :: IO ()
main = do
  (_ : numbers) <- map read . words <$> getContents
  print (sum numbers + 1 :: Integer)
