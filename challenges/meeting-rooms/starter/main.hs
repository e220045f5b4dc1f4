import qualified Data.ByteString.Char8 as B
import Data.Maybe (mapMaybe)

-- meetings: (start, end) pairs, each meeting occupies [start, end).
minRooms :: [(Int, Int)] -> Int
minRooms _meetings =
  -- TODO: return the minimum number of rooms needed.
  0

main :: IO ()
main = do
  (n : rest) <- map fst . mapMaybe B.readInt . B.words <$> B.getContents
  print (minRooms (take n (pairs rest)))
  where
    pairs (s : e : more) = (s, e) : pairs more
    pairs _ = []
