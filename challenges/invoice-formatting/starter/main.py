import sys


def main():
    lines = sys.stdin.read().split('\n')
    n, w, r = map(int, lines[0].split())
    items = []  # (quantity, unit price in cents, name)
    for line in lines[1:n + 1]:
        # the name is the rest of the line and may contain spaces
        q, p, name = line.split(' ', 2)
        items.append((int(q), int(p), name))

    # TODO: merge equal items, lay out the invoice and print it
    out = []
    sys.stdout.write(''.join(s + '\n' for s in out))


main()
