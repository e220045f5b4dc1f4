import System.IO

-- TODO: this tries every number in turn; find the secret number within the allowed guesses
play :: Integer -> Integer -> IO ()
play n guess
  | guess > n = return ()
  | otherwise = do
      putStrLn ("guess " ++ show guess)
      -- hFlush sends the line now: without it the guess waits in a buffer
      -- while your program waits for the reply, and the judge never sees it.
      hFlush stdout
      eof <- isEOF
      reply <- if eof then return "" else getLine
      if words reply == ["higher"] then play n (guess + 1) else return () -- "correct": stop

main :: IO ()
main = do
  n <- readLn
  play n 1
