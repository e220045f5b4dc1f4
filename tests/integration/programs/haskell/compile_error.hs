main :: IO ()
main = do
  let total = 1 + "sum" :: Int
  print total
