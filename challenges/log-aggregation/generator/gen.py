#!/usr/bin/env python3
"""Deterministic test generator for the log-aggregation package.

Run from the package folder:  python3 generator/gen.py
It rewrites tests/sample/ and tests/hidden/<group>/ completely.
Standard library only; every test uses its own fixed seed, and only integer
arithmetic and random.Random's integer/choice methods decide the data, so
the output is byte-for-byte reproducible.
"""
import datetime
import os
import random
import re
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TESTS = os.path.join(ROOT, "tests")

MAX_N = 100000
MAX_TARGET = 100
MAX_LATENCY = 60000
PATH_RE = re.compile(r"^/[a-z0-9/_.-]*$")
QUERY_RE = re.compile(r"^[a-z0-9=&_.%?-]*$")
EPOCH = datetime.datetime(2024, 3, 1, 8, 0, 0)


# ---------------------------------------------------------------- reference

def endpoint_of(target):
    q = target.find("?")
    return target if q < 0 else target[:q]


def p95_rank(count):
    """Nearest rank: the smallest r with 100 * r >= 95 * count."""
    return (95 * count + 99) // 100


def solve(records):
    stats = {}
    for _, target, status, latency in records:
        ep = endpoint_of(target)
        if ep not in stats:
            stats[ep] = [0, []]
        st = stats[ep]
        if status >= 500:
            st[0] += 1
        st[1].append(latency)
    out = []
    for ep in sorted(stats):
        errors, lat = stats[ep]
        lat.sort()
        out.append("%s %d %d %d" % (ep, len(lat), errors, lat[p95_rank(len(lat)) - 1]))
    return out


# ---------------------------------------------------------------- output

def check(records):
    assert 1 <= len(records) <= MAX_N
    prev = ""
    for ts, target, status, latency in records:
        assert len(ts) == 20 and ts >= prev, ts
        prev = ts
        assert 1 <= len(target) <= MAX_TARGET, target
        path, sep, query = target.partition("?")
        assert PATH_RE.match(path), target
        assert QUERY_RE.match(query), target
        assert 100 <= status <= 599
        assert 0 <= latency <= MAX_LATENCY
    return records


def write(path, records):
    check(records)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = [str(len(records))] + ["%s %s %d %d" % r for r in records]
    with open(path + ".in", "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(path + ".ans", "w", newline="\n") as f:
        f.write("\n".join(solve(records)) + "\n")


def stamp(seconds):
    return (EPOCH + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def with_times(rng, requests, max_gap=3):
    """Attach non-decreasing timestamps to (target, status, latency) triples."""
    t = rng.randint(0, 3600)
    out = []
    for target, status, latency in requests:
        t += rng.randint(0, max_gap)
        out.append((stamp(t), target, status, latency))
    return out


# ---------------------------------------------------------------- realistic traffic

ENDPOINTS = [
    "/", "/health", "/login", "/logout", "/checkout", "/cart",
    "/api/users", "/api/users/me", "/api/orders", "/api/orders/items",
    "/api/products", "/api/products/search", "/api/v2/search", "/api/v2/search/suggest",
    "/api/payments", "/api/payments/refund", "/static/app.js", "/static/app.css",
    "/static/logo.png", "/favicon.ico", "/metrics", "/api/inventory",
    "/api/inventory/sync", "/api/auth/token", "/api/auth/refresh", "/docs",
]
QUERY_KEYS = ["id", "page", "q", "sort", "limit", "lang", "utm_source", "ref"]
QUERY_VALUES = ["1", "2", "42", "shoes", "asc", "desc", "50", "sv", "en", "ar", "mail", "a%20b"]


def status_code(rng, error_rate):
    x = rng.randint(1, 1000)
    if x <= error_rate:
        return rng.choice([500, 500, 502, 503, 503, 504, 599])
    if x <= error_rate + 60:
        return rng.choice([400, 401, 403, 404, 404, 404, 409, 429, 499])
    if x <= error_rate + 100:
        return rng.choice([301, 302, 304, 304])
    return rng.choice([200, 200, 200, 200, 200, 201, 204])


def latency(rng):
    x = rng.randint(1, 100)
    if x <= 85:
        return rng.randint(3, 250)
    if x <= 97:
        return rng.randint(250, 2500)
    return rng.randint(2500, MAX_LATENCY)


def query(rng):
    parts = []
    for _ in range(rng.randint(1, 3)):
        parts.append("%s=%s" % (rng.choice(QUERY_KEYS), rng.choice(QUERY_VALUES)))
    return "?" + "&".join(parts)


def target_for(rng, endpoint, query_rate):
    if rng.randint(1, 100) <= query_rate:
        return endpoint + query(rng)
    return endpoint


def traffic(rng, n, endpoints, weights, query_rate=15, error_rate=30):
    """n requests over the given endpoints, chosen with integer weights."""
    total = sum(weights)
    cumulative = []
    acc = 0
    for w in weights:
        acc += w
        cumulative.append(acc)
    reqs = []
    for _ in range(n):
        x = rng.randint(1, total)
        lo, hi = 0, len(cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] >= x:
                hi = mid
            else:
                lo = mid + 1
        ep = endpoints[lo]
        reqs.append((target_for(rng, ep, query_rate), status_code(rng, error_rate), latency(rng)))
    return with_times(rng, reqs)


def exact_counts(rng, counts, query_rate=15, error_rate=30, distinct=True):
    """Endpoint -> exact number of requests, shuffled together. With distinct
    latencies inside each endpoint so every rank gives a different answer."""
    reqs = []
    for ep, c in counts:
        if distinct:
            lats = rng.sample(range(1, 5000), c)
        else:
            lats = [latency(rng) for _ in range(c)]
        for lat in lats:
            reqs.append((target_for(rng, ep, query_rate), status_code(rng, error_rate), lat))
    rng.shuffle(reqs)
    return with_times(rng, reqs)


def id_paths(rng, prefix, k):
    ids = rng.sample(range(1, 10**6), k)
    return ["%s/%d" % (prefix, i) for i in ids]


def main():
    if os.path.isdir(TESTS):
        shutil.rmtree(TESTS)

    # ---------------------------------------------------------- samples
    # Sample 1 is the worked example of the statement.
    s1 = [
        ("2024-03-01T09:00:00Z", "/api/orders", 200, 120),
        ("2024-03-01T09:00:01Z", "/api/users?id=42", 200, 35),
        ("2024-03-01T09:00:01Z", "/api/orders", 503, 900),
        ("2024-03-01T09:00:02Z", "/health", 200, 2),
        ("2024-03-01T09:00:03Z", "/api/orders?page=2", 200, 80),
        ("2024-03-01T09:00:05Z", "/api/users", 404, 12),
        ("2024-03-01T09:00:06Z", "/api/orders", 500, 1500),
        ("2024-03-01T09:00:07Z", "/api/orders", 201, 150),
    ]
    write(os.path.join(TESTS, "sample", "01"), s1)
    s2 = [
        ("2024-03-01T23:59:58Z", "/api/users/", 200, 40),
        ("2024-03-01T23:59:59Z", "/api-v2/users", 599, 7),
        ("2024-03-02T00:00:00Z", "/?ref=mail", 301, 0),
        ("2024-03-02T00:00:00Z", "/api/users", 499, 60000),
        ("2024-03-02T00:00:01Z", "/api/users?", 500, 60000),
        ("2024-03-02T00:00:03Z", "/", 200, 5),
    ]
    write(os.path.join(TESTS, "sample", "02"), s2)
    # 20 requests to one endpoint: the answer is the 19th smallest latency.
    lat3 = [110, 95, 130, 101, 99, 87, 143, 120, 250, 92, 105, 118, 97, 132, 1200, 89, 100, 115, 125, 640]
    s3 = [(stamp(3600 + 7 * i), "/api/search?q=item%d" % i, 200 if i % 7 else 503, lat)
          for i, lat in enumerate(lat3)]
    write(os.path.join(TESTS, "sample", "03"), s3)

    # ---------------------------------------------------------- basic (30 points)
    basic = []
    rng = random.Random(1001)
    # counts that are multiples of 20 (rank 95 % of 20 = 19 exactly)
    basic.append(exact_counts(rng, [("/api/orders", 20), ("/api/users", 40), ("/health", 3),
                                    ("/login", 7)]))
    rng = random.Random(1002)
    basic.append(traffic(rng, 120, ENDPOINTS[:6], [5, 30, 8, 2, 4, 6]))
    rng = random.Random(1003)
    basic.append(traffic(rng, 300, ENDPOINTS[6:14], [9, 3, 12, 4, 8, 5, 7, 1], query_rate=30))
    rng = random.Random(1004)
    basic.append(traffic(rng, 500, ENDPOINTS, [1 + (i * 7) % 11 for i in range(len(ENDPOINTS))]))
    rng = random.Random(1005)
    basic.append(traffic(rng, 800, ENDPOINTS, [3] * len(ENDPOINTS), error_rate=150))
    rng = random.Random(1006)
    basic.append(traffic(rng, 800, ENDPOINTS[:10] + id_paths(rng, "/api/users", 40),
                         [20] * 10 + [1] * 40))
    rng = random.Random(1007)
    basic.append(traffic(rng, 1000, ENDPOINTS, [40, 1, 1, 1, 1, 1, 60] + [5] * 19, query_rate=40))
    for i, recs in enumerate(basic, 1):
        write(os.path.join(TESTS, "hidden", "basic", "%02d" % i), recs)

    # ---------------------------------------------------------- edge (30 points)
    edge = []
    # 01: a single request
    edge.append([("2024-12-31T23:59:59Z", "/", 200, 0)])
    # 02: error boundaries: 499 is not an error, 500 and 599 are; one endpoint all errors
    rng = random.Random(2002)
    recs = []
    for i in range(60):
        recs.append(("/api/payments", [499, 500, 599, 100][i % 4], rng.randint(0, 100)))
        recs.append(("/api/payments/refund", rng.choice([500, 502, 503, 504, 599]), rng.randint(0, 100)))
    edge.append(with_times(rng, recs))
    # 03: ordering by ASCII: '-' < '.' < '/' < digits < '_' < letters, prefixes first
    names = ["/", "/a", "/a-b", "/a.b", "/a/b", "/a0", "/a_b", "/ab", "/api", "/api/", "/api/v1",
             "/api/v1/", "/api/v10", "/api/v2", "/api-v1", "/api.json", "/api_v1", "/b", "/z/z",
             "/0", "/9/a", "/_", "/-", "/.well-known/security.txt", "//"]
    rng = random.Random(2003)
    edge.append(exact_counts(rng, [(nm, rng.randint(1, 5)) for nm in names], query_rate=20))
    # 04: query strings: only the part before the first '?' counts
    rng = random.Random(2004)
    targets = ["/search?q=a", "/search?", "/search", "/search/?q=b", "/search?q=a?b", "/?x=1",
               "/?", "/search?q=", "/search??", "/search.json?q=c", "/search-old?q=d"]
    recs = [(rng.choice(targets), status_code(rng, 200), latency(rng)) for _ in range(200)]
    edge.append(with_times(rng, recs))
    # 05: every count from 1 to 40, distinct latencies: exercises every rank boundary
    rng = random.Random(2005)
    edge.append(exact_counts(rng, [("/c/%02d" % c, c) for c in range(1, 41)]))
    # 06: duplicates: equal latencies everywhere, and ties around the 95th rank
    rng = random.Random(2006)
    recs = [("/same", 200, 250) for _ in range(40)]
    recs += [("/ties", 200, 10) for _ in range(18)] + [("/ties", 200, 20) for _ in range(2)]
    recs += [("/ties2", 200, 10) for _ in range(19)] + [("/ties2", 500, 20)]
    recs += [("/dup", 200, v) for v in (5, 5, 5, 7, 7, 9, 9, 9, 9, 9)]
    rng.shuffle(recs)
    edge.append(with_times(rng, recs, max_gap=0))
    # 07: extremes: latency 0 and 60000, statuses 100 and 599, targets of 100 characters
    rng = random.Random(2007)
    long_path = "/" + "/".join(["segment%02d" % i for i in range(9)]) + "/abcdefghijklmnopqr"
    long_path = long_path[:MAX_TARGET]
    long_query = "/q?" + "k=v&" * 24 + "z"
    recs = []
    for i in range(300):
        tgt = rng.choice([long_path, long_query, "/max", "/min"])
        lat = MAX_LATENCY if tgt != "/min" else 0
        if tgt == long_path:
            lat = rng.choice([0, MAX_LATENCY])
        recs.append((tgt, rng.choice([100, 599]), lat))
    edge.append(with_times(rng, recs))
    # 08: one request for each of 700 distinct endpoints
    rng = random.Random(2008)
    paths = id_paths(rng, "/api/orders", 500) + id_paths(rng, "/u", 200)
    edge.append(with_times(rng, [(target_for(rng, p, 10), status_code(rng, 50), latency(rng))
                                 for p in paths]))
    # 09: multiples of 20 and their neighbours, mixed with realistic latencies
    rng = random.Random(2009)
    counts = [20, 40, 60, 80, 100, 120, 200, 19, 21, 39, 41, 99, 101]
    edge.append(exact_counts(rng, [("/api/v%d/items" % c, c) for c in counts]))
    for i, recs in enumerate(edge, 1):
        write(os.path.join(TESTS, "hidden", "edge", "%02d" % i), recs)

    # ---------------------------------------------------------- large (40 points)
    large = []
    # 01: a health check hammering one endpoint (the largest test)
    rng = random.Random(3004)
    large.append(traffic(rng, 27000, ["/health", "/metrics", "/"], [96, 3, 1], query_rate=2,
                         error_rate=5))
    # 02: many distinct endpoints (user pages) plus a hot endpoint
    rng = random.Random(3001)
    eps = ["/api/search"] + id_paths(rng, "/u", 4000)
    large.append(traffic(rng, 12000, eps, [8000] + [1] * 4000, query_rate=10))
    # 03: mostly unique endpoints (object ids)
    rng = random.Random(3003)
    eps = id_paths(rng, "/o", 8000) + ["/health"]
    large.append(traffic(rng, 12500, eps, [1] * 8000 + [4000], query_rate=5))
    # 04: realistic service traffic with one very hot endpoint
    rng = random.Random(3002)
    large.append(traffic(rng, 12000, ENDPOINTS, [300] + [3] * 25, query_rate=15))
    for i, recs in enumerate(large, 1):
        write(os.path.join(TESTS, "hidden", "large", "%02d" % i), recs)


if __name__ == "__main__":
    main()
