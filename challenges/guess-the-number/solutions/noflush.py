import sys

# A correct binary search that never flushes: its guess waits in the output
# buffer while it waits for the reply, and the judge waits for the guess.
# Neither moves until the time limit ends the run.


def main():
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        sys.stdout.write(f'guess {mid}\n')
        reply = sys.stdin.readline().strip()
        if reply == 'correct' or not reply:
            return
        if reply == 'lower':
            hi = mid - 1
        else:
            lo = mid + 1


main()
