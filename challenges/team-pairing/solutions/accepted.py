import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, d = int(data[0]), int(data[1])
    seniors, juniors = [], []
    for i in range(2 * n):
        if data[3 + 2 * i] == b'S':
            seniors.append((int(data[2 + 2 * i]), i + 1))
        else:
            juniors.append((int(data[2 + 2 * i]), i + 1))
    if len(seniors) != len(juniors):
        print('IMPOSSIBLE')
        return
    # If any valid pairing exists, pairing the k-th weakest senior with the
    # k-th weakest junior is also valid (exchange argument).
    seniors.sort()
    juniors.sort()
    for (a, _), (b, _) in zip(seniors, juniors):
        if abs(a - b) > d:
            print('IMPOSSIBLE')
            return
    sys.stdout.write(''.join(f'{i} {j}\n' for (_, i), (_, j) in zip(seniors, juniors)))


main()
