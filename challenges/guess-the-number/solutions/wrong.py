import sys

# Off by one: the guess that was wrong is kept in the range, so once the range
# is two numbers wide and the secret is the upper one, the same guess repeats
# until the guesses run out.


def main():
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        print(f'guess {mid}', flush=True)
        reply = sys.stdin.readline().strip()
        if reply == 'correct' or not reply:
            return
        if reply == 'lower':
            hi = mid
        else:
            lo = mid


main()
