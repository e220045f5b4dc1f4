import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../contracts/index.ts';
import { findSimilarPairs, SIMILARITY_LIMITS, type SimilarityDoc } from './compare.ts';

/**
 * One task in four languages — read numbers, print the sum of the primes
 * among them and the longest strictly increasing run: a starter, an original
 * solution, a copy of it (variables renamed, functions reordered, comments and
 * literals changed), and a solution written independently.
 */
interface Case {
  language: LanguageId;
  starter: string;
  original: string;
  copy: string;
  independent: string;
  /** A starter with a one-line change, as two candidates who did little would send. */
  trivial: string;
}

const python: Case = {
  language: 'python',
  starter: `import sys

def main():
    data = sys.stdin.read().split()
    # Write your solution here

main()
`,
  original: `import sys

def is_prime(n):
    # trial division up to the square root
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

def longest_run(values):
    best = 0
    current = 0
    previous = None
    for v in values:
        if previous is not None and v > previous:
            current += 1
        else:
            current = 1
        best = max(best, current)
        previous = v
    return best

def main():
    data = sys.stdin.read().split()
    numbers = [int(x) for x in data[1:]]
    total = 0
    for x in numbers:
        if is_prime(x):
            total += x
    print(total)
    print(longest_run(numbers))

main()
`,
  copy: `import sys

# Longest increasing stretch of the sequence
def streak(seq):
    top = 0
    run = 0
    last = None
    for item in seq:
        if last is not None and item > last:
            run += 1
        else:
            run = 1
        top = max(top, run)
        last = item
    return top

def check(k):
    """Is k prime?"""
    if k < 3:
        return False
    f = 3
    while f * f <= k:
        if k % f == 0:
            return False
        f += 2
    return True

def main():
    data = sys.stdin.read().split()
    arr = [int(t) for t in data[1:]]
    acc = 0
    for t in arr:
        if check(t):
            acc += t
    print(acc)
    print(streak(arr))

main()
`,
  independent: `import sys

def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    xs = list(map(int, data[1:1 + n]))
    limit = max(xs) if xs else 1
    sieve = [True] * (limit + 1)
    sieve[0:2] = [False, False][:limit + 1]
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(sieve[i * i::i])
    print(sum(x for x in xs if x >= 0 and sieve[x]))
    longest, start = 0, 0
    for i in range(len(xs)):
        if i > 0 and xs[i] <= xs[i - 1]:
            start = i
        longest = max(longest, i - start + 1)
    print(longest)

main()
`,
  trivial: `import sys

def main():
    data = sys.stdin.read().split()
    print(len(data))

main()
`,
};

const javascript: Case = {
  language: 'javascript',
  starter: `const lines = require('fs').readFileSync(0, 'utf8').split('\\n');
// Write your solution here
`,
  original: `const lines = require('fs').readFileSync(0, 'utf8').split('\\n');

function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

function longestRun(values) {
  let best = 0;
  let current = 0;
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && values[i] > values[i - 1]) {
      current += 1;
    } else {
      current = 1;
    }
    best = Math.max(best, current);
  }
  return best;
}

const numbers = lines[1].trim().split(' ').map(Number);
let total = 0;
for (const x of numbers) {
  if (isPrime(x)) total += x;
}
console.log(total);
console.log(longestRun(numbers));
`,
  copy: `const lines = require('fs').readFileSync(0, 'utf8').split('\\n');

/* the longest strictly increasing stretch */
function stretch(arr) {
  let top = 0;
  let run = 0;
  for (let k = 0; k < arr.length; k++) {
    if (k > 0 && arr[k] > arr[k - 1]) {
      run += 1;
    } else {
      run = 1;
    }
    top = Math.max(top, run);
  }
  return top;
}

// primality by trial division
function prime(m) {
  if (m < 3) return false;
  for (let f = 3; f * f <= m; f++) {
    if (m % f === 0) return false;
  }
  return true;
}

const list = lines[1].trim().split(",").map(Number);
let sum = 0;
for (const item of list) {
  if (prime(item)) sum += item;
}
console.log(sum);
console.log(stretch(list));
`,
  independent: `const lines = require('fs').readFileSync(0, 'utf8').split('\\n');
const xs = lines[1].split(/\\s+/).filter(Boolean).map((s) => parseInt(s, 10));
const max = xs.reduce((a, b) => Math.max(a, b), 1);
const composite = new Uint8Array(max + 1);
composite[0] = composite[1] = 1;
for (let i = 2; i * i <= max; i++) {
  if (!composite[i]) for (let j = i * i; j <= max; j += i) composite[j] = 1;
}
const primeSum = xs.filter((x) => x >= 0 && !composite[x]).reduce((a, b) => a + b, 0);
let longest = xs.length ? 1 : 0;
let start = 0;
xs.forEach((x, i) => {
  if (i && x <= xs[i - 1]) start = i;
  longest = Math.max(longest, i - start + 1);
});
process.stdout.write(primeSum + '\\n' + longest + '\\n');
`,
  trivial: `const lines = require('fs').readFileSync(0, 'utf8').split('\\n');
console.log(lines.length);
`,
};

const java: Case = {
  language: 'java',
  starter: `import java.util.*;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        // Write your solution here
    }
}
`,
  original: `import java.util.*;

public class Main {
    static boolean isPrime(int n) {
        if (n < 2) return false;
        for (int d = 2; d * d <= n; d++) {
            if (n % d == 0) return false;
        }
        return true;
    }

    static int longestRun(int[] values) {
        int best = 0, current = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && values[i] > values[i - 1]) current++;
            else current = 1;
            best = Math.max(best, current);
        }
        return best;
    }

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        int[] numbers = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            numbers[i] = in.nextInt();
            if (isPrime(numbers[i])) total += numbers[i];
        }
        System.out.println(total);
        System.out.println(longestRun(numbers));
    }
}
`,
  copy: `import java.util.*;

public class Main {
    // increasing stretch
    static int stretch(int[] arr) {
        int top = 0, run = 0;
        for (int k = 0; k < arr.length; k++) {
            if (k > 0 && arr[k] > arr[k - 1]) run++;
            else run = 1;
            top = Math.max(top, run);
        }
        return top;
    }

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int count = in.nextInt();
        int[] list = new int[count];
        long acc = 0;
        for (int j = 0; j < count; j++) {
            list[j] = in.nextInt();
            if (prime(list[j])) acc += list[j];
        }
        System.out.println(acc);
        System.out.println(stretch(list));
    }

    /** trial division */
    static boolean prime(int m) {
        if (m < 3) return false;
        for (int f = 3; f * f <= m; f++) {
            if (m % f == 0) return false;
        }
        return true;
    }
}
`,
  independent: `import java.util.*;
import java.io.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(reader.readLine().trim());
        StringTokenizer st = new StringTokenizer(reader.readLine());
        int[] xs = new int[n];
        int max = 1;
        for (int i = 0; i < n; i++) { xs[i] = Integer.parseInt(st.nextToken()); max = Math.max(max, xs[i]); }
        boolean[] composite = new boolean[max + 1];
        composite[0] = true;
        if (max >= 1) composite[1] = true;
        for (int i = 2; (long) i * i <= max; i++)
            if (!composite[i]) for (int j = i * i; j <= max; j += i) composite[j] = true;
        long sum = 0;
        int longest = 0, start = 0;
        for (int i = 0; i < n; i++) {
            if (xs[i] >= 0 && !composite[xs[i]]) sum += xs[i];
            if (i > 0 && xs[i] <= xs[i - 1]) start = i;
            longest = Math.max(longest, i - start + 1);
        }
        System.out.println(sum + "\\n" + longest);
    }
}
`,
  trivial: `import java.util.*;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        System.out.println(in.nextInt());
    }
}
`,
};

const cpp: Case = {
  language: 'cpp',
  starter: `#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    // Write your solution here
    return 0;
}
`,
  original: `#include <bits/stdc++.h>
using namespace std;

bool isPrime(long long n) {
    if (n < 2) return false;
    for (long long d = 2; d * d <= n; d++)
        if (n % d == 0) return false;
    return true;
}

int longestRun(const vector<long long>& values) {
    int best = 0, current = 0;
    for (size_t i = 0; i < values.size(); i++) {
        if (i > 0 && values[i] > values[i - 1]) current++;
        else current = 1;
        best = max(best, current);
    }
    return best;
}

int main() {
    int n;
    cin >> n;
    vector<long long> numbers(n);
    long long total = 0;
    for (int i = 0; i < n; i++) {
        cin >> numbers[i];
        if (isPrime(numbers[i])) total += numbers[i];
    }
    cout << total << "\\n" << longestRun(numbers) << endl;
    return 0;
}
`,
  copy: `#include <bits/stdc++.h>
using namespace std;

/* length of the longest increasing stretch */
int stretch(const vector<long long>& arr) {
    int top = 0, run = 0;
    for (size_t k = 0; k < arr.size(); k++) {
        if (k > 0 && arr[k] > arr[k - 1]) run++;
        else run = 1;
        top = max(top, run);
    }
    return top;
}

// trial division
bool prime(long long m) {
    if (m < 3) return false;
    for (long long f = 3; f * f <= m; f++)
        if (m % f == 0) return false;
    return true;
}

int main() {
    int n;
    cin >> n;
    vector<long long> list(n);
    long long acc = 0;
    for (int j = 0; j < n; j++) {
        cin >> list[j];
        if (prime(list[j])) acc += list[j];
    }
    cout << acc << '\\n' << stretch(list) << endl;
    return 0;
}
`,
  independent: `#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<int> xs(n);
    for (auto& x : xs) cin >> x;
    int limit = xs.empty() ? 1 : *max_element(xs.begin(), xs.end());
    vector<char> composite(max(limit, 1) + 1, 0);
    composite[0] = 1;
    if (limit >= 1) composite[1] = 1;
    for (long long i = 2; i * i <= limit; ++i)
        if (!composite[i])
            for (long long j = i * i; j <= limit; j += i) composite[j] = 1;
    long long sum = accumulate(xs.begin(), xs.end(), 0LL, [&](long long s, int x) { return x >= 0 && !composite[x] ? s + x : s; });
    int longest = 0;
    for (int i = 0, start = 0; i < n; ++i) {
        if (i && xs[i] <= xs[i - 1]) start = i;
        longest = max(longest, i - start + 1);
    }
    printf("%lld\\n%d\\n", sum, longest);
}
`,
  trivial: `#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    cout << n << endl;
    return 0;
}
`,
};

const doc = (id: string, source: string, owner = id): SimilarityDoc => ({ id, owner, source });
const key = (a: string, b: string) => [a, b].sort().join('+');

describe.each([python, javascript, java, cpp])('similarity in $language', (c) => {
  const pairs = findSimilarPairs({
    language: c.language,
    starter: c.starter,
    docs: [doc('original', c.original), doc('copy', c.copy), doc('independent', c.independent)],
  });
  const found = new Map(pairs.map((p) => [key(p.a, p.b), p]));

  it('flags the copy (renamed, reordered, comments and literals changed) with regions in both files', () => {
    const pair = found.get(key('original', 'copy'));
    expect(pair).toBeDefined();
    expect(pair!.score).toBeGreaterThanOrEqual(SIMILARITY_LIMITS.threshold);
    expect(pair!.regions.length).toBeGreaterThan(0);
    for (const r of pair!.regions) {
      expect(r.a.fromLine).toBeLessThanOrEqual(r.a.toLine);
      expect(r.b.fromLine).toBeLessThanOrEqual(r.b.toLine);
    }
  });

  it('does not flag the independent solution', () => {
    expect(found.has(key('original', 'independent'))).toBe(false);
    expect(found.has(key('copy', 'independent'))).toBe(false);
  });

  it('never flags the starter alone, or the starter with a one-line change', () => {
    const docs = [doc('s1', c.starter), doc('s2', c.starter), doc('t1', c.trivial), doc('t2', c.trivial), doc('s3', `${c.starter}\n`)];
    expect(findSimilarPairs({ language: c.language, starter: c.starter, docs })).toEqual([]);
  });

  it('never pairs two documents of one candidate', () => {
    const same = findSimilarPairs({ language: c.language, starter: c.starter, docs: [doc('x', c.original, 'one'), doc('y', c.original, 'one')] });
    expect(same).toEqual([]);
  });
});

describe('similarity at scale', () => {
  it('marks a region for each moved function at its own place in each file', () => {
    const pair = findSimilarPairs({ language: 'python', starter: python.starter, docs: [doc('a', python.original), doc('b', python.copy)] })[0]!;
    // The copy moved longest_run (original lines 14–25) to the top (lines 4–15) and is_prime (original 3–12) below it (17–26):
    // a region starts at each function in both files.
    const starts = (aFrom: number, aTo: number, bFrom: number, bTo: number) =>
      pair.regions.some((r) => r.a.fromLine >= aFrom && r.a.fromLine <= aTo && r.b.fromLine >= bFrom && r.b.fromLine <= bTo);
    expect(starts(14, 16, 3, 6), JSON.stringify(pair.regions)).toBe(true);
    expect(starts(3, 6, 17, 20), JSON.stringify(pair.regions)).toBe(true);
  });

  it('lists every pair of a small ring of copiers, however small the assessment', () => {
    const docs = [doc('o', python.original), doc('c1', python.copy), doc('c2', python.copy), doc('i', python.independent)];
    const pairs = findSimilarPairs({ language: 'python', starter: python.starter, docs });
    expect(pairs.map((p) => key(p.a, p.b)).sort()).toEqual([key('c1', 'c2'), key('c1', 'o'), key('c2', 'o')].sort());
  });

  it('ignores code that a large share of the candidates have in common', () => {
    // Twenty candidates send the same solution (a published one, say): the idiom filter leaves nothing to compare.
    const docs = Array.from({ length: 20 }, (_, i) => doc(`d${i}`, python.original));
    expect(findSimilarPairs({ language: 'python', starter: '', docs })).toEqual([]);
  });

  it('counts pairs the same way past the flat table (more than 3000 candidates)', () => {
    const quiet = Array.from({ length: 3001 }, (_, i) => doc(`q${i}`, 'pass'));
    const pairs = findSimilarPairs({ language: 'python', starter: '', docs: [...quiet, doc('o', python.original), doc('c', python.copy), doc('i', python.independent)] });
    expect(pairs.map((p) => key(p.a, p.b))).toEqual([key('o', 'c')]);
  });

  it('stays bounded on hostile sources: 60 of 64 KB each, unterminated, repetitive, NUL-filled', () => {
    const size = 64 * 1024;
    const shapes = ['"', '/*', "'''", '\0', 'a', '(', '1e+', 'if x:\n    y = z\n'];
    const docs = Array.from({ length: 60 }, (_, i) => {
      const shape = shapes[i % shapes.length]!;
      return doc(`h${i}`, `${shape.repeat(size / shape.length)}${i}`);
    });
    const started = performance.now();
    for (const language of ['python', 'c', 'javascript'] as const) {
      const pairs = findSimilarPairs({ language, starter: shapes.join(''), docs });
      expect(pairs.length).toBeLessThanOrEqual(SIMILARITY_LIMITS.maxPairs);
      for (const pair of pairs) expect(pair.regions.length).toBeLessThanOrEqual(SIMILARITY_LIMITS.maxRegions);
    }
    // About 12 MB of source in all; a quadratic step anywhere would take minutes.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('caps the pairs it returns', () => {
    // Ten identical copies among a hundred different programs: 45 pairs, all listed; more than the cap never are.
    const unique = Array.from({ length: 100 }, (_, i) => doc(`u${i}`, uniqueProgram(i)));
    const copies = Array.from({ length: 10 }, (_, i) => doc(`c${i}`, python.original));
    const pairs = findSimilarPairs({ language: 'python', starter: '', docs: [...unique, ...copies] });
    expect(pairs.filter((p) => p.a.startsWith('c') && p.b.startsWith('c'))).toHaveLength(45);
    expect(pairs.length).toBeLessThanOrEqual(SIMILARITY_LIMITS.maxPairs);
  });
});

/** A program whose token stream differs from every other's: its keywords and operators vary with `seed`. */
function uniqueProgram(seed: number): string {
  const ops = ['+', '-', '*', '//', '%', '<<', '>>', '&', '|', '^'];
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) {
    const op = ops[(seed * 7 + i * 3) % ops.length]!;
    const kw = (seed >> i) & 1 ? 'while' : 'if';
    lines.push(`${kw} a ${op} b > c${'[d]'.repeat((seed + i) % 4)}:`, `    x = (y ${ops[(seed + i) % ops.length]} z)${'.w'.repeat((seed * i) % 3)}`);
  }
  return lines.join('\n');
}
