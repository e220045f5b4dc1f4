#!/usr/bin/env python3
"""Output validator for team-pairing (Kattis output-validator interface).

    python3 checker.py <input-file> <answer-file> <feedback-dir> < candidate-output

Exits 42 when the candidate's output is accepted and 43 when it is rejected.
Any other exit (a malformed input or answer file, a bad invocation) is a
judging failure, never the candidate's fault. The candidate's output is
untrusted: whatever it contains, the verdict is 42 or 43.

The answer file holds one valid pairing or IMPOSSIBLE; it is only used to know
whether a pairing exists.
"""
import os
import re
import sys

ACCEPT, REJECT = 42, 43
INT_RE = re.compile(r'[0-9]{1,18}\Z')
WHITESPACE = re.compile(r'[ \t\n\r\f\v]+')  # ASCII whitespace only
feedback_dir = None


def judge_message(text):
    """The reason goes to <feedback-dir>/judgemessage.txt (Kattis) and to
    standard output (Kodbro shows its first line); both are best effort."""
    try:
        sys.stdout.write(text.encode('ascii', 'backslashreplace').decode('ascii') + '\n')
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    if feedback_dir is None:
        return
    try:
        with open(os.path.join(feedback_dir, 'judgemessage.txt'), 'a', encoding='ascii', errors='backslashreplace') as f:
            f.write(text + '\n')
    except OSError:
        pass


def accept(text='OK'):
    judge_message(text)
    sys.exit(ACCEPT)


def reject(text):
    judge_message(text)
    sys.exit(REJECT)


def show(token):
    """A token made safe (printable ASCII) and short for the messages."""
    return ascii(token[:30] + ('...' if len(token) > 30 else ''))


def read_input(path):
    with open(path, 'rb') as f:
        tokens = f.read().decode('ascii').split()
    n, d = int(tokens[0]), int(tokens[1])
    skills, roles = [], []
    for i in range(2 * n):
        skills.append(int(tokens[2 + 2 * i]))
        role = tokens[3 + 2 * i]
        if role not in ('S', 'J'):
            raise ValueError(f'bad role {role!r} in the input file')
        roles.append(role)
    return n, d, skills, roles


def read_answer_exists(path):
    with open(path, 'rb') as f:
        tokens = f.read().decode('ascii').split()
    if not tokens:
        raise ValueError('empty answer file')
    return tokens[0] != 'IMPOSSIBLE'


def check(n, d, skills, roles, exists, raw):
    text = raw.decode('utf-8', errors='replace')
    tokens = [t for t in WHITESPACE.split(text) if t]

    if not tokens:
        reject('empty output')

    if tokens[0] == 'IMPOSSIBLE':
        if len(tokens) > 1:
            reject(f'extra output after IMPOSSIBLE: {show(tokens[1])}')
        if exists:
            reject('answered IMPOSSIBLE, but a valid pairing exists')
        accept('correctly answered IMPOSSIBLE')

    if tokens[0].upper() == 'IMPOSSIBLE':
        reject(f'expected IMPOSSIBLE in upper case, got {show(tokens[0])}')

    if len(tokens) != 2 * n:
        reject(f'expected IMPOSSIBLE or {n} pairs ({2 * n} integers), got {len(tokens)} tokens')

    used = [False] * (2 * n + 1)
    for k in range(n):
        a_tok, b_tok = tokens[2 * k], tokens[2 * k + 1]
        pair = []
        for tok in (a_tok, b_tok):
            if not INT_RE.match(tok):
                reject(f'pair {k + 1}: {show(tok)} is not a developer number')
            v = int(tok)
            if not 1 <= v <= 2 * n:
                reject(f'pair {k + 1}: developer {show(tok)} is out of range 1..{2 * n}')
            if used[v]:
                reject(f'pair {k + 1}: developer {v} is used more than once')
            used[v] = True
            pair.append(v)
        a, b = pair
        if roles[a - 1] == roles[b - 1]:
            kind = 'seniors' if roles[a - 1] == 'S' else 'juniors'
            reject(f'pair {k + 1}: developers {a} and {b} are both {kind}')
        diff = abs(skills[a - 1] - skills[b - 1])
        if diff > d:
            reject(f'pair {k + 1}: developers {a} and {b} differ by {diff} > D = {d}')

    # n pairs of distinct in-range developers cover all 2n developers
    if not exists:
        accept('valid pairing (although the judge answer says IMPOSSIBLE)')
    accept('valid pairing')


def main():
    global feedback_dir
    if len(sys.argv) < 3:
        sys.stderr.write('usage: checker.py <input-file> <answer-file> <feedback-dir> < output\n')
        sys.exit(1)
    if len(sys.argv) >= 4:
        feedback_dir = sys.argv[3]
    # Judge files: an error here is a judging failure (exit 1 with a traceback).
    n, d, skills, roles = read_input(sys.argv[1])
    exists = read_answer_exists(sys.argv[2])

    # Candidate output: anything goes, the verdict is always 42 or 43.
    try:
        raw = sys.stdin.buffer.read()
    except (OSError, MemoryError):
        reject('could not read the output')
    try:
        check(n, d, skills, roles, exists, raw)
    except SystemExit:
        raise
    except Exception as e:  # defensive: never let candidate data crash the checker
        reject(f'could not check the output ({type(e).__name__})')
    reject('internal: no verdict')  # not reached


if __name__ == '__main__':
    main()
