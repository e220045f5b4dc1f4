# Wrong: rounds the VAT to the nearest cent (half up) instead of truncating it.
import sys


def money(cents):
    return f'{cents // 100:,}.{cents % 100:02d}'


def main():
    lines = sys.stdin.read().split('\n')
    n, w, r = map(int, lines[0].split())
    index = {}
    items = []
    for i in range(1, n + 1):
        q, p, name = lines[i].split(' ', 2)
        q, p = int(q), int(p)
        j = index.get((name, p))
        if j is None:
            index[(name, p)] = len(items)
            items.append([name, p, q])
        else:
            items[j][2] += q
    subtotal = sum(p * q for _, p, q in items)
    vat = (subtotal * r + 50) // 100          # BUG: should be subtotal * r // 100
    total = subtotal + vat
    qw = max(len(str(q)) for _, _, q in items)
    uw = max(len(money(p)) for _, p, _ in items)
    aw = len(money(total))
    width = w + qw + uw + aw + 7
    out = []
    for name, p, q in items:
        shown = name if len(name) <= w else name[:w - 3] + '...'
        out.append(f'{shown:<{w}}  {q:>{qw}} x {money(p):>{uw}}  {money(p * q):>{aw}}')
    out.append('-' * width)
    for label, value in (('Subtotal', subtotal), (f'VAT {r}%', vat), ('Total', total)):
        m = money(value)
        out.append(label + m.rjust(width - len(label)))
    print('\n'.join(out))


main()
