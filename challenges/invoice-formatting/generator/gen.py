#!/usr/bin/env python3
"""Deterministic test generator for the invoice-formatting challenge.

Run from the package folder:  python3 generator/gen.py
It rewrites every file in tests/sample and tests/hidden/<group>/ and must
reproduce the committed tests byte for byte (fixed seeds, standard library
only, no iteration over sets or hash-ordered containers).
"""
import math
import os
import random
import sys

PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(PKG, 'tests')

MAX_N = 100000
MIN_W, MAX_W = 8, 40
MAX_Q = 1000
MAX_P = 100000000
MAX_NAME = 60


# ---------------------------------------------------------------- reference

def money(cents):
    """12345678 -> '123,456.78'"""
    return f'{cents // 100:,}.{cents % 100:02d}'


def solve(text):
    lines = text.split('\n')
    n, w, r = map(int, lines[0].split())
    index = {}
    items = []  # [name, unit price, quantity] in order of first appearance
    for i in range(1, n + 1):
        q, p, name = lines[i].split(' ', 2)
        q, p = int(q), int(p)
        key = (name, p)
        j = index.get(key)
        if j is None:
            index[key] = len(items)
            items.append([name, p, q])
        else:
            items[j][2] += q
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
    return '\n'.join(out) + '\n'


# ---------------------------------------------------------------- helpers

def validate(w, r, items):
    assert 1 <= len(items) <= MAX_N
    assert MIN_W <= w <= MAX_W and 0 <= r <= 100
    for q, p, name in items:
        assert 1 <= q <= MAX_Q and 0 <= p <= MAX_P
        assert 1 <= len(name) <= MAX_NAME, name
        assert name[0] != ' ' and name[-1] != ' ', name
        assert all(c == ' ' or 33 <= ord(c) <= 126 for c in name), name


def render(w, r, items):
    validate(w, r, items)
    lines = [f'{len(items)} {w} {r}']
    lines += [f'{q} {p} {name}' for q, p, name in items]
    return '\n'.join(lines) + '\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='ascii', newline='\n') as f:
        f.write(text)


def clean():
    for root, _, files in os.walk(TESTS):
        for f in files:
            if f.endswith('.in') or f.endswith('.ans'):
                os.remove(os.path.join(root, f))


PRODUCTS = [
    'Coffee beans 1kg', 'Paper cups', 'Espresso machine', 'Office chair', 'Standing desk',
    'USB-C cable 2m', 'HDMI adapter', 'Whiteboard markers', 'A4 paper (500 sheets)', 'Stapler',
    'Monitor 27"', 'Keyboard', 'Wireless mouse', 'Laptop stand', 'Desk lamp LED',
    'Printer toner, black', 'Sticky notes 76x76', 'Ballpoint pens (10-pack)', 'Notebook A5',
    'Ethernet cable 5m', 'Webcam HD', 'Headset', 'Water filter', 'Tea assortment', 'Milk 1L',
    'Cleaning service (hour)', 'Consulting (hour)', 'Software license', 'Cloud hosting - March',
    'Server rack 42U', 'Shipping & handling', 'Extended warranty 3y', 'Ergonomic footrest',
    'Cable ties 200mm', 'Screws M4x20 (100 pcs)', 'Label printer', 'Coat hanger', 'Doormat',
    'First-aid kit', 'Fire extinguisher 6kg', 'Batteries AA x4', 'Power strip 6-way',
    'Dishwasher tablets', 'Hand soap 500ml', 'Trash bags 125L', 'Envelopes C5 #50',
]
ADJ = ['Black', 'White', 'Red', 'Blue', 'Green', 'Steel', 'Oak', 'Pine', 'Large', 'Small',
       'Eco', 'Pro', 'Mini', 'Heavy-duty', 'Compact', 'Premium', 'Basic', 'Recycled',
       'Wireless', 'Foldable']
NOUN = ['bolt', 'washer', 'bracket', 'hinge', 'shelf', 'cable', 'adapter', 'lamp', 'chair',
        'desk', 'cabinet', 'drawer', 'hook', 'clamp', 'tape', 'glue', 'brush', 'roller',
        'filter', 'valve', 'pipe', 'socket', 'switch', 'fuse', 'plug', 'panel', 'frame',
        'board', 'box', 'crate']
SIZE = ['M4', 'M6', 'M8', '2m', '5m', '10m', '500ml', '1L', 'XL', 'S', 'v2', 'v3', '40mm',
        '80mm', '120cm', 'x10', 'x50', '#3', '(set)', 'kit']


def catalogue():
    """12000 distinct, realistic-looking product names (deterministic order)."""
    return [f'{a} {n} {s}' for a in ADJ for n in NOUN for s in SIZE]


SHORT_ADJ = ['Oak', 'Pine', 'Ash', 'Red', 'Blue', 'Grey', 'Black', 'White', 'Steel', 'Brass',
             'Zinc', 'Eco', 'Pro', 'Mini', 'Maxi', 'Soft', 'Hard', 'Flat', 'Round', 'Long',
             'Short', 'Wide', 'Slim', 'Matte', 'Gloss']
SHORT_NOUN = ['bolt', 'nut', 'washer', 'hinge', 'shelf', 'cable', 'lamp', 'chair', 'desk',
              'hook', 'clamp', 'tape', 'glue', 'brush', 'valve', 'pipe', 'plug', 'fuse',
              'panel', 'frame', 'board', 'box', 'crate', 'rail', 'knob', 'pin', 'rivet',
              'spring', 'strap', 'mat']
SHORT_SIZE = ['M3', 'M4', 'M5', 'M6', 'M8', 'M10', '1m', '2m', '3m', '5m', '10m', '1L', '5L',
              'S', 'M', 'L', 'XL', 'v2', 'v3', '20mm', '40mm', '60mm', '80mm', 'x5', 'x10',
              'x25', 'x50', '#1', '#2', '#3']


def short_catalogue():
    """22500 distinct short names (12 characters on average)."""
    return [f'{a} {n} {s}' for a in SHORT_ADJ for n in SHORT_NOUN for s in SHORT_SIZE]


def price(rng, lo=0, hi=MAX_P):
    """Prices that look like real prices most of the time (.00, .50, .95, .99)."""
    p = rng.randint(lo, hi)
    if rng.random() < 0.6 and p >= 100:
        p = p - p % 100 + rng.choice([0, 50, 95, 99])
        p = min(max(p, lo), hi)
    return p


# ---------------------------------------------------------------- tests

def samples():
    yield [16, 25, [
        (2, 1250, 'Coffee beans 1kg'),
        (1, 349900, 'Espresso machine Deluxe'),
        (3, 1250, 'Coffee beans 1kg'),
        (12, 99, 'Paper cups'),
    ]]
    yield [10, 12, [
        (1, 4500, 'Desk lamp LED'),
        (2, 4500, 'Desk lamp'),
        (1, 3900, 'Desk lamp'),
        (4, 0, 'Free  sample'),
        (1, 4500, 'Desk lamp LED'),
    ]]
    yield [12, 0, [
        (1000, 100000000, 'Server rack 42U'),
        (3, 99999, 'Extended warranty'),
    ]]


def group_basic():
    # 01: the VAT has a fractional part >= 0.5 cents (rounding would be wrong)
    items = [(1, 1999, 'Stapler'), (3, 450, 'Sticky notes'), (2, 1295, 'Notebook A5'),
             (1, 7999, 'Headset'), (5, 129, 'Pencils')]
    sub = sum(q * p for q, p, _ in items)
    assert sub * 25 % 100 >= 50
    yield [14, 25, items]
    # 02: a single line
    yield [12, 6, [(7, 1425, 'Milk 1L')]]
    # 03: random small invoices, names never truncated, all amounts < 1000.00
    rng = random.Random(1003)
    names = [p for p in PRODUCTS if len(p) <= 20]
    rng.shuffle(names)
    items = [(rng.randint(1, 9), rng.randint(1, 4000), names[i]) for i in range(9)]
    r = 12
    sub = sum(q * p for q, p, _ in items)
    while sub + sub * r // 100 >= 100000 or sub * r % 100 < 50:
        items = [(rng.randint(1, 9), rng.randint(1, 4000), names[i]) for i in range(9)]
        sub = sum(q * p for q, p, _ in items)
    yield [20, r, items]


def group_truncation():
    # 01: narrowest column, names of every length around the width
    yield [8, 25, [
        (1, 1999, 'Stapler'),              # 7, padded
        (2, 595, 'Notebook'),             # 8 = W, kept whole
        (1, 2495, 'Notebooks'),           # 9 = W+1, truncated
        (3, 1000, 'Desk lamp'),           # keeps "Desk " -> "Desk ..."
        (1, 150, 'A  B  C  D'),           # consecutive spaces inside the name
        (4, 25, 'Pen'),
        (1, 99900, 'Cloud hosting - March'),
        (2, 1, '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'),
    ]]
    # 02: widest column with long names (up to 60 characters)
    long_names = [
        'Ergonomic office chair with adjustable armrests and headrest',  # 60
        'Standing desk, electric, 160 x 80 cm, oak veneer top',
        'Monitor arm (dual) for 17-32 inch screens, VESA 75/100',
        'Annual support contract: on-site visits + remote help',
        'Paper cups',
        'x' * 40,
        'y' * 41,
        'Consulting services provided in March (senior engineer)',
    ]
    rng = random.Random(2002)
    yield [40, 25, [(rng.randint(1, 20), price(rng, 100, 2000000), n) for n in long_names]]
    # 03: random names of random lengths around random widths
    rng = random.Random(2003)
    items = []
    w = 13
    for i in range(60):
        length = rng.choice([w - 2, w - 1, w, w + 1, w + 2, w + 3, w + 4, rng.randint(1, MAX_NAME)])
        alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789-./()&'
        name = ''.join(rng.choice(alphabet) for _ in range(length)).strip()
        if not name:
            name = 'Item'
        # put a space right before the cut on some names
        if len(name) > w and rng.random() < 0.3:
            name = name[:w - 4] + ' ' + name[w - 3:]
        items.append((rng.randint(1, MAX_Q), price(rng, 0, 500000), name))
    yield [w, 18, items]


def group_merging():
    # 01: hand-made: repeated lines far apart, same name with another price,
    #     names that differ only in case or spacing
    yield [18, 25, [
        (2, 1250, 'Coffee beans 1kg'),
        (10, 99, 'Paper cups'),
        (1, 1250, 'coffee beans 1kg'),
        (1, 1350, 'Coffee beans 1kg'),
        (5, 99, 'Paper  cups'),
        (3, 1250, 'Coffee beans 1kg'),
        (990, 99, 'Paper cups'),
        (1, 1350, 'Coffee beans 1kg'),
        (7, 1250, 'Coffee beans 1kg'),
    ]]
    # 02: long names that truncate to the same text are still different items
    yield [12, 12, [
        (1, 5000, 'Cable ties 200mm black'),
        (2, 5000, 'Cable ties 200mm white'),
        (3, 5000, 'Cable ties 200mm black'),
        (4, 5000, 'Cable ties 100mm'),
        (5, 5000, 'Cable ties 200mm white'),
        (6, 4900, 'Cable ties 200mm white'),
    ]]
    # 03: random, 1000 lines over 80 items; merged quantities get wide
    rng = random.Random(3003)
    pool = []
    for name in PRODUCTS[:40]:
        pool.append((name, price(rng, 0, 300000)))
    pool.append((PRODUCTS[0], pool[0][1] + 100))
    pool.append((PRODUCTS[1].upper(), pool[1][1]))
    pool = pool + [(n.replace(' ', '  ', 1), p) for n, p in pool[:38]]
    items = []
    for _ in range(1000):
        name, p = rng.choice(pool)
        items.append((rng.randint(1, MAX_Q), p, name))
    yield [22, 25, items]


def group_separators():
    # 01: amounts around every separator boundary
    yield [16, 25, [
        (1, 99999, 'Just below 1k'),
        (1, 100000, 'Exactly 1k'),
        (1, 99999999, 'Just below 1M'),
        (1, MAX_P, 'Exactly 1M'),
        (1000, 100000, 'Line of 1M'),
        (1, 0, 'Free sample'),
        (3, 1, 'One cent'),
        (7, 10, 'Ten cents'),
    ]]
    # 02: VAT 100 %, everything at the maximum
    yield [10, 100, [(MAX_Q, MAX_P, f'Machine {i}') for i in range(1, 31)]]
    # 03: VAT 0 %, only free items
    yield [9, 0, [(5, 0, 'Brochure'), (1, 0, 'Welcome kit'), (MAX_Q, 0, 'Sticker')]]
    # 04: random large amounts, odd rates
    rng = random.Random(4004)
    items = [(rng.randint(1, MAX_Q), price(rng), rng.choice(PRODUCTS)) for _ in range(300)]
    yield [25, 17, items]


def float_trap(rng, items, rates):
    """Append one line and pick a rate so that floor(s * r / 100) computed with
    IEEE doubles (in the three usual ways) differs from the exact value."""
    base = sum(q * p for q, p, _ in items)
    for _ in range(200000):
        q = rng.randint(1, MAX_Q)
        p = rng.randint(MAX_P // 2, MAX_P)
        r = rng.choice(rates)
        s = base + q * p
        exact = s * r // 100
        f1 = math.floor(float(s) * r / 100)
        f2 = math.floor(float(s) * (r / 100))
        f3 = math.floor(float(s) / 100 * r)
        if exact not in (f1, f2, f3) and s * r % 100 >= 50:
            return r, (q, p, 'Final adjustment')
    raise RuntimeError('no float trap found')


def group_large():
    cat = catalogue()
    # 01: medium size, still fine for a quadratic solution
    rng = random.Random(5001)
    pool = [(name, price(rng, 0, 2000000)) for name in rng.sample(cat, 500)]
    items = []
    for _ in range(2000):
        name, p = rng.choice(pool)
        items.append((rng.randint(1, MAX_Q), p, name))
    yield [24, 25, items]
    # 02: 70000 lines over 18000 distinct items
    rng = random.Random(5002)
    names = rng.sample(short_catalogue(), 16200)
    pool = [(name, price(rng, 0, 1000000)) for name in names]
    # some items appear with two prices
    pool += [(name, price(rng, 0, 1000000)) for name, _ in rng.sample(pool, 1800)]
    def qty():
        return rng.randint(1, MAX_Q) if rng.random() < 0.05 else rng.randint(1, 50)
    items = [(qty(), p, name) for name, p in pool]  # each at least once
    for _ in range(70000 - len(items)):
        name, p = rng.choice(pool)
        items.append((qty(), p, name))
    rng.shuffle(items)
    yield [12, 12, items]
    # 03: 15000 lines near the maximum amounts; the VAT is wrong when computed
    #     with doubles instead of exact integers
    rng = random.Random(5003)
    pool = [(name, rng.randint(MAX_P - 5000000, MAX_P)) for name in rng.sample(cat, 300)]
    items = []
    for _ in range(2999):
        name, p = rng.choice(pool)
        items.append((rng.randint(MAX_Q - 20, MAX_Q), p, name))
    r, last = float_trap(rng, items, [97, 98, 99, 100])
    items.append(last)
    yield [30, r, items]


GROUPS = [
    ('basic', group_basic),
    ('truncation', group_truncation),
    ('merging', group_merging),
    ('separators', group_separators),
    ('large', group_large),
]


def main():
    clean()
    for i, (w, r, items) in enumerate(samples(), 1):
        text = render(w, r, items)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.in'), text)
        write(os.path.join(TESTS, 'sample', f'{i:02d}.ans'), solve(text))
    for group, make in GROUPS:
        for i, (w, r, items) in enumerate(make(), 1):
            text = render(w, r, items)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.in'), text)
            write(os.path.join(TESTS, 'hidden', group, f'{i:02d}.ans'), solve(text))


if __name__ == '__main__':
    sys.exit(main())
