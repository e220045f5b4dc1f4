import qualified Data.ByteString.Char8 as B
import Data.Array (Array, accumArray)
import Data.Maybe (mapMaybe)

-- adj ! u lists (v, w): a one-way road u -> v taking w minutes.
-- Returns the shortest travel time from depot 1 to nodes 1..n, -1 where a
-- node cannot be reached. Int is 64 bits, enough for the distances.
shortestDistances :: Int -> Array Int [(Int, Int)] -> [Int]
shortestDistances n _adj =
  -- TODO: compute the distances.
  replicate n (-1)

main :: IO ()
main = do
  (n : m : rest) <- map fst . mapMaybe B.readInt . B.words <$> B.getContents
  let roads = take m (triples rest)
      adj = accumArray (flip (:)) [] (1, n) [(u, (v, w)) | (u, v, w) <- roads]
  B.putStr (B.unlines (map (B.pack . show) (shortestDistances n adj)))
  where
    triples (u : v : w : more) = (u, v, w) : triples more
    triples _ = []
