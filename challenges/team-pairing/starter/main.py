import sys


def main():
    data = sys.stdin.read().split()
    n, d = int(data[0]), int(data[1])
    skill = []  # skill[i] is the rating of developer i + 1
    role = []   # 'S' (senior) or 'J' (junior)
    for i in range(2 * n):
        skill.append(int(data[2 + 2 * i]))
        role.append(data[3 + 2 * i])

    # TODO: find n valid pairs and print them as "a b" lines (1-based numbers),
    # or print IMPOSSIBLE
    out = []
    sys.stdout.write(''.join(s + '\n' for s in out))


main()
