import sys


def min_rooms(meetings):
    # meetings: list of (start, end) pairs, each meeting occupies [start, end).
    # TODO: return the minimum number of rooms needed.
    return 0


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    meetings = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
    print(min_rooms(meetings))


main()
