import sys


def main():
    n = int(sys.stdin.readline())
    # TODO: this tries every number in turn; find the secret number within the allowed guesses
    for guess in range(1, n + 1):
        # flush=True sends the line now: without it the guess waits in a buffer
        # while your program waits for the reply, and the judge never sees it.
        print(f'guess {guess}', flush=True)
        reply = sys.stdin.readline().strip()
        if reply != 'higher':
            break  # 'correct' (or the judge has ended the game): stop, printing nothing more


main()
