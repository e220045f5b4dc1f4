# Correct but quadratic: the number of rooms needed is the largest number of
# meetings running at some meeting's start time; count them pair by pair.
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    meetings = []
    for i in range(n):
        meetings.append((int(data[1 + 2 * i]), int(data[2 + 2 * i])))
    best = 0
    for s, _ in meetings:
        count = 0
        for s2, e2 in meetings:
            if s2 <= s and s < e2:
                count += 1
        if count > best:
            best = count
    print(best)


main()
