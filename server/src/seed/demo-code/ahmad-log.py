import sys


def p95(xs):
    # nearest rank
    xs.sort()
    r = (95 * len(xs) + 99) // 100
    return xs[r - 1]


def clean_path(url):
    cut = url.find(b"?")
    return url if cut < 0 else url[:cut]


def main():
    words = sys.stdin.buffer.read().split()
    total = int(words[0])
    table = {}
    for j in range(total):
        path = clean_path(words[2 + 4 * j])
        row = table.setdefault(path, [0, []])
        if int(words[3 + 4 * j]) > 499:
            row[0] += 1
        row[1].append(int(words[4 + 4 * j]))
    result = []
    for path in sorted(table):
        bad, times = table[path]
        result.append("%s %d %d %d" % (path.decode(), len(times), bad, p95(times)))
    sys.stdout.write("\n".join(result) + "\n")


main()
