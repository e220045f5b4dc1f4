import { haskellCodegen } from '../../../server/src/signatures/codegen/haskell.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = haskellCodegen;

const GRID = (imports: string, body: string) => `${imports}gridSum :: [[Int]] -> Int\n${body}`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `import Data.List (sortOn)

data Interval = Interval
  { start :: Int
  , end :: Int
  }
  deriving (Show, Eq)

mergeIntervals :: [Interval] -> [Interval]
mergeIntervals intervals = reverse (foldl step [] (sortOn start intervals))
  where
    step (last' : done) i | start i <= end last' = last' { end = max (end last') (end i) } : done
    step done i = i : done
`,
    grid: GRID('', 'gridSum grid = sum (map sum grid)\n'),
    mean: `import qualified Data.Map as Map

meanOf :: Map.Map String [Int] -> Maybe String -> Maybe Double
meanOf lists key = case key >>= (\\k -> Map.lookup k lists) of
  Just values | not (null values) -> Just (fromIntegral (sum values) / fromIntegral (length values))
  _ -> Nothing
`,
    echo: `{-# LANGUAGE ScopedTypeVariables #-}
-- The candidate's own pragma and a comment stay before the imports.
import qualified Data.Map as Map

data Bundle = Bundle
  { big :: Int
  , small :: Int
  , ratio :: Double
  , flag :: Bool
  , text :: String
  , words :: [String]
  , table :: Map.Map String Int
  , maybe :: Maybe [Double]
  }
  deriving (Show, Eq)

echoAll :: Bundle -> Bundle
echoAll values = values
`,
  },
  wrongGrid: GRID('', 'gridSum grid = sum (map sum grid) + 1\n'),
  throwingGrid: GRID('', 'gridSum _ = error "no"\n'),
  printingGrid: GRID(
    'import System.IO.Unsafe (unsafePerformIO)\n\n',
    'gridSum grid = unsafePerformIO $ do\n  putStrLn "debug"\n  putStr "partial"\n  return (sum (map sum grid))\n',
  ),
  forgingGrid: GRID(
    'import System.Exit (exitSuccess)\nimport System.IO (hFlush, stdout)\nimport System.IO.Unsafe (unsafePerformIO)\n\n',
    'gridSum _ = unsafePerformIO $ do\n  putStrLn "00000000000000000000000000000000 999"\n  hFlush stdout\n  exitSuccess\n',
  ),
};
