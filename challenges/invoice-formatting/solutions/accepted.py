import sys


def money(cents):
    return f'{cents // 100:,}.{cents % 100:02d}'


def main():
    lines = sys.stdin.buffer.read().decode('ascii').split('\n')
    n, w, r = map(int, lines[0].split())
    # "price name" identifies an item (integers have no leading zeros)
    qty = {}  # dicts keep insertion order = order of first appearance
    for line in lines[1:n + 1]:
        q, key = line.split(' ', 1)
        qty[key] = qty.get(key, 0) + int(q)
    items = []  # [name, unit price, quantity]
    for key, q in qty.items():
        p, name = key.split(' ', 1)
        items.append([name, int(p), q])

    subtotal = sum(p * q for _, p, q in items)
    vat = subtotal * r // 100
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
        out.append(label + ' ' * (width - len(label) - len(m)) + m)
    sys.stdout.write('\n'.join(out) + '\n')


main()
