#!/usr/bin/env python3
"""Interactor for guess-the-number (Kattis output-validator interface, interactive).

    python3 interactor.py <input-file> <answer-file> <feedback-dir>/ < program-output > program-input

The input file holds "N S". The interactor tells the program N, then answers
each "guess X" line with lower (S < X), higher (S > X) or correct. It exits 42
when the program found S within the allowed number of guesses and then wrote
nothing more, and 43 on anything else: a malformed line, a guess out of range,
too many guesses, or the end of the program's output before "correct".

Standard output is the program's input, so messages go to standard error and
<feedback-dir>/judgemessage.txt, never to standard output. A malformed input
file or a bad invocation exits 1: a judging failure, never the program's fault.
"""
import os
import re
import sys

ACCEPT, REJECT = 42, 43
GUESS_RE = re.compile(r'guess ([0-9]{1,10})\Z')
feedback_dir = None


def judge_message(text):
    """Best effort: a message that cannot be written must not change the verdict."""
    try:
        sys.stderr.write(text + '\n')
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    if feedback_dir is None:
        return
    try:
        with open(os.path.join(feedback_dir, 'judgemessage.txt'), 'a', encoding='ascii', errors='backslashreplace') as f:
            f.write(text + '\n')
    except OSError:
        pass


def accept(text):
    judge_message(text)
    sys.exit(ACCEPT)


def reject(text):
    judge_message(text)
    sys.exit(REJECT)


def show(raw):
    """A line of the program's made printable and short for the messages."""
    text = raw.decode('ascii', errors='backslashreplace')
    return ascii(text[:40] + ('...' if len(text) > 40 else ''))


def send(line):
    # A program that has stopped reading closes the pipe; that ends its chances, not the judging.
    try:
        sys.stdout.write(line + '\n')
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        # What is still buffered would fail again at exit and turn the verdict into a crash.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        reject('the program stopped reading its input before finding the number')


def read_input(path):
    with open(path, 'rb') as f:
        n, secret = (int(token) for token in f.read().decode('ascii').split())
    if not 1 <= secret <= n <= 10 ** 9:
        raise ValueError(f'bad input file: N = {n}, S = {secret}')
    return n, secret


def main():
    global feedback_dir
    if len(sys.argv) < 4:
        sys.stderr.write('usage: interactor.py <input-file> <answer-file> <feedback-dir>/ < program-output > program-input\n')
        sys.exit(1)
    feedback_dir = sys.argv[3]
    n, secret = read_input(sys.argv[1])
    # Binary search needs at most floor(log2 N) + 1 guesses; ceil(log2 N) + 1 leaves room for either middle.
    allowed = (n - 1).bit_length() + 1

    send(str(n))
    program = sys.stdin.buffer
    for count in range(1, allowed + 1):
        raw = program.readline()
        if not raw:
            reject(f'the program ended (or closed its output) after {count - 1} guesses without finding the number')
        line = raw.rstrip(b'\r\n').rstrip(b' \t')
        match = GUESS_RE.match(line.decode('ascii', errors='replace'))
        if not match:
            reject(f'guess {count}: expected "guess X", got {show(line)}')
        guess = int(match.group(1))
        if not 1 <= guess <= n:
            reject(f'guess {count}: {guess} is outside 1..{n}')
        if guess == secret:
            send('correct')
            rest = program.read(1)
            if rest:
                reject(f'the program wrote more after "correct": {show(rest + program.readline())}')
            accept(f'found {secret} in {count} of {allowed} allowed guesses')
        send('lower' if secret < guess else 'higher')
    reject(f'{allowed} guesses used without finding the number (N = {n} allows {allowed})')


if __name__ == '__main__':
    main()
