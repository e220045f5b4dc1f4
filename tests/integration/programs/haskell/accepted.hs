import qualified Data.ByteString.Char8 as B
import Data.Maybe (mapMaybe)

main :: IO ()
main = do
  (n : numbers) <- map fst . mapMaybe B.readInteger . B.words <$> B.getContents
  if fromIntegral (length numbers) /= n then error "count" else print (sum numbers)
