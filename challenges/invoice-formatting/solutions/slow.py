# Correct but too slow: merges duplicate lines by scanning the list of items
# seen so far for every input line (quadratic in the number of items).
import sys


def money(cents):
    s = str(cents // 100)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return ','.join(parts) + '.' + str(cents % 100).rjust(2, '0')


def main():
    lines = sys.stdin.read().split('\n')
    n, w, r = map(int, lines[0].split())
    items = []  # [name, unit price, quantity]
    for line in lines[1:n + 1]:
        q, p, name = line.split(' ', 2)
        q, p = int(q), int(p)
        for item in items:
            if item[0] == name and item[1] == p:
                item[2] += q
                break
        else:
            items.append([name, p, q])

    subtotal = 0
    for name, p, q in items:
        subtotal += p * q
    vat = subtotal * r // 100
    total = subtotal + vat
    qw = max(len(str(q)) for _, _, q in items)
    uw = max(len(money(p)) for _, p, _ in items)
    aw = len(money(total))
    width = w + qw + uw + aw + 7
    out = []
    for name, p, q in items:
        if len(name) > w:
            name = name[:w - 3] + '...'
        out.append(name.ljust(w) + '  ' + str(q).rjust(qw) + ' x '
                   + money(p).rjust(uw) + '  ' + money(p * q).rjust(aw))
    out.append('-' * width)
    for label, value in (('Subtotal', subtotal), ('VAT ' + str(r) + '%', vat), ('Total', total)):
        out.append(label + money(value).rjust(width - len(label)))
    print('\n'.join(out))


main()
