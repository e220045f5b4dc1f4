main :: IO ()
main = do
  (n : numbers) <- map read . words <$> getContents
  print (sum numbers `div` (n - n) :: Integer) -- exception: divide by zero
