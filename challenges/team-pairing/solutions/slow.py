# Correct but too slow: sorts the seniors, then for each senior finds the
# weakest junior that is still free with a linear scan (quadratic).
import sys


def main():
    data = sys.stdin.read().split()
    n, d = int(data[0]), int(data[1])
    skill = [int(data[2 + 2 * i]) for i in range(2 * n)]
    role = [data[3 + 2 * i] for i in range(2 * n)]
    seniors = [i for i in range(2 * n) if role[i] == 'S']
    juniors = [i for i in range(2 * n) if role[i] == 'J']
    if len(seniors) != len(juniors):
        print('IMPOSSIBLE')
        return
    seniors.sort(key=lambda i: skill[i])
    free = [True] * len(juniors)
    pairs = []
    for s in seniors:
        best = -1
        for k in range(len(juniors)):
            if free[k] and (best == -1 or skill[juniors[k]] < skill[juniors[best]]):
                best = k
        free[best] = False
        j = juniors[best]
        if abs(skill[s] - skill[j]) > d:
            print('IMPOSSIBLE')
            return
        pairs.append(f'{s + 1} {j + 1}')
    print('\n'.join(pairs))


main()
