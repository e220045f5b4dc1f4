-- skills !! i is the rating of developer i + 1, roles !! i 'S' (senior) or 'J' (junior).
-- TODO: find n valid pairs and return them as "a b" lines (1-based numbers),
-- or ["IMPOSSIBLE"].
pairUp :: Int -> Int -> [Int] -> [Char] -> [String]
pairUp _n _d _skills _roles = []

main :: IO ()
main = do
  (n : d : fields) <- words <$> getContents
  let developers = take (2 * read n) (parse fields)
  putStr (unlines (pairUp (read n) (read d) (map fst developers) (map snd developers)))
  where
    parse (s : r : more) = (read s, head r) : parse more
    parse _ = []
