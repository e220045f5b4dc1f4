import sys


def main():
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        # The judge answers only what it has received: flush every guess.
        print(f'guess {mid}', flush=True)
        reply = sys.stdin.readline().strip()
        if reply == 'correct':
            return
        if reply == 'lower':
            hi = mid - 1
        elif reply == 'higher':
            lo = mid + 1
        else:
            return  # the judge gave up on us (too many guesses); nothing left to do


main()
