import { describe, expect, it } from 'vitest';
import { errorsAt, pathWords, unplacedErrors } from './section-errors.ts';
import { languageOfFile, newSolutionName, solutionNameProblem, solutionsFromFiles, verdictFromName, withLanguage } from './solution-files.ts';
import {
  formatBytes,
  filesToRead,
  freeTestBytes,
  groupIdProblem,
  isLong,
  jsonBytes,
  MAX_TEST_DATA_BYTES,
  moveItem,
  moveTest,
  moveTestTo,
  naturalCompare,
  newGroup,
  newTest,
  pairUploads,
  parsePoints,
  plainName,
  preview,
  renumberGroups,
  testNameProblem,
  totalPoints,
  type DraftTest,
  type TestsValue,
  type UploadedFile,
} from './test-files.ts';

const file = (name: string, text: string): UploadedFile => ({ name, size: new TextEncoder().encode(text).length, text });
const roomy = { maxTests: 1000, freeBytes: MAX_TEST_DATA_BYTES };
const test = (name: string, input = `${name}\n`, answer = `${name}!\n`): DraftTest => ({ name, input, answer });

describe('pairing uploaded files into tests', () => {
  it('pairs x.in with x.ans or x.out, in natural order (2 before 10), whatever order the files came in', () => {
    const files = ['10.in', '10.ans', '2.out', '1.in', '2.in', '1.ans'].map((name) => file(name, `${name}\n`));
    const { added, problems } = pairUploads(files, [], roomy);
    expect(added).toEqual([
      { name: '1', input: '1.in\n', answer: '1.ans\n' },
      { name: '2', input: '2.in\n', answer: '2.out\n' },
      { name: '10', input: '10.in\n', answer: '10.ans\n' },
    ]);
    expect(problems).toEqual([]);
  });

  it('names each file that could not become a test: no answer, no input, not a test file, both .ans and .out', () => {
    const files = [file('3.in', 'x'), file('4.ans', 'y'), file('README.md', '#'), file('5.in', 'a'), file('5.out', 'b'), file('5.ans', 'c'), file('6.txt', '')];
    const { added, problems } = pairUploads(files, [], roomy);
    expect(added).toEqual([{ name: '5', input: 'a', answer: 'c' }]);
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'no_answer', file: '3.in' },
        { kind: 'no_input', file: '4.ans' },
        { kind: 'not_test_file', file: 'README.md' },
        { kind: 'not_test_file', file: '6.txt' },
        { kind: 'second_answer', file: '5.out', used: '5.ans' },
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('takes endings in any case (1.IN, 1.Ans)', () => {
    expect(pairUploads([file('1.IN', 'i'), file('1.Ans', 'a')], [], roomy).added).toEqual([{ name: '1', input: 'i', answer: 'a' }]);
  });

  it('refuses a name the list already has (case-insensitively, as file systems may) and keeps the list as it was', () => {
    const { added, problems } = pairUploads([file('Big.in', 'i'), file('Big.ans', 'a'), file('2.in', 'i'), file('2.ans', 'a')], [test('big')], roomy);
    expect(added.map((t) => t.name)).toEqual(['2']);
    expect(problems).toEqual([{ kind: 'duplicate', name: 'Big' }]);
  });

  it('makes file names plain for the schema, and says so', () => {
    const { added, problems } = pairUploads([file('tést 1 (copy).in', 'i'), file('tést 1 (copy).ans', 'a'), file('-x.in', 'i'), file('-x.ans', 'a')], [], roomy);
    expect(added.map((t) => t.name)).toEqual(['x', 'test-1-copy']);
    expect(problems).toEqual([
      { kind: 'renamed', file: '-x.in', name: 'x' },
      { kind: 'renamed', file: 'tést 1 (copy).in', name: 'test-1-copy' },
    ]);
  });

  it('keeps CRLF as uploaded, and names the tests that have it', () => {
    const { added, problems } = pairUploads([file('1.in', '1 2\r\n'), file('1.ans', '3\r\n')], [], roomy);
    expect(added).toEqual([{ name: '1', input: '1 2\r\n', answer: '3\r\n' }]);
    expect(problems).toEqual([{ kind: 'crlf', name: '1' }]);
  });

  it('refuses text that was not UTF-8 (the reader put U+FFFD in it): a draft holds text, so it would be other data', () => {
    const { added, problems } = pairUploads([file('1.in', 'ok'), file('1.ans', 'caf\uFFFD')], [], roomy);
    expect(added).toEqual([]);
    expect(problems).toEqual([{ kind: 'not_text', file: '1.ans' }]);
  });

  it('stops at the list bound (100 samples, 1000 tests a group) and names the tests left out', () => {
    const files = [1, 2, 3].flatMap((n) => [file(`${n}.in`, 'i'), file(`${n}.ans`, 'a')]);
    const { added, problems } = pairUploads(files, [test('x'), test('y')], { maxTests: 3, freeBytes: MAX_TEST_DATA_BYTES });
    expect(added.map((t) => t.name)).toEqual(['1']);
    expect(problems).toEqual([
      { kind: 'too_many', name: '2', limit: 3 },
      { kind: 'too_many', name: '3', limit: 3 },
    ]);
  });

  it('refuses the tests that would take the test data over its share of the draft, keeping those that fit', () => {
    const big = 'x'.repeat(600);
    const files = [file('1.in', big), file('1.ans', '1'), file('2.in', big), file('2.ans', '2'), file('3.in', 'small'), file('3.ans', '3')];
    const { added, problems } = pairUploads(files, [], { maxTests: 100, freeBytes: 1000 });
    expect(added.map((t) => t.name)).toEqual(['1', '3']);
    expect(problems).toEqual([{ kind: 'too_large', name: '2', bytes: jsonBytes({ name: '2', input: big, answer: '2' }) + 1, limit: 1000 }]);
  });

  it('refuses a file that was too large to read (no text) without reading it', () => {
    const { added, problems } = pairUploads([{ name: '1.in', size: 9e9 }, file('1.ans', 'a')], [], roomy);
    expect(added).toEqual([]);
    expect(problems).toEqual([{ kind: 'too_large', name: '1', bytes: 9e9 + 1, limit: MAX_TEST_DATA_BYTES }]);
  });

  it('reads only test files, in natural order, while their sizes fit in what is left', () => {
    const files = [
      { name: '10.in', size: 400 },
      { name: 'notes.pdf', size: 1 },
      { name: '2.in', size: 300 },
      { name: '2.ans', size: 300 },
      { name: '10.ans', size: 1 },
      { name: '3.out', size: 5000 },
    ];
    // 2.ans, 2.in (600), then 10.ans (601); 10.in would pass 1000, 3.out never fits.
    expect([...filesToRead(files, 1000)].sort()).toEqual([2, 3, 4]);
    expect(filesToRead(files, 0).size).toBe(0);
  });

  it('counts what the tests already take: the free bytes fall as tests are added', () => {
    const empty: TestsValue = { samples: [], groups: [] };
    const full: TestsValue = { samples: [test('1', 'x'.repeat(1000))], groups: [] };
    expect(freeTestBytes(empty) - freeTestBytes(full)).toBe(jsonBytes(full) - jsonBytes(empty));
  });
});

describe('names', () => {
  it('sorts naturally', () => {
    expect(['10', '2', 'b', 'A', '1', 'test-10', 'test-9'].sort(naturalCompare)).toEqual(['1', '2', '10', 'A', 'b', 'test-9', 'test-10']);
  });

  it('makes names plain: letter or digit first, only letters, digits, dot, dash, underscore, at most 100', () => {
    expect(plainName('../../etc/passwd')).toBe('etc-passwd');
    expect(plainName('Ünïcode')).toBe('Unicode');
    expect(plainName('名前')).toBe('test');
    expect(plainName('a'.repeat(150))).toHaveLength(100);
  });

  it('says why a typed test name cannot stay', () => {
    const tests = [test('1'), test('2')];
    expect(testNameProblem(tests, 0, '2')).toBe('duplicate');
    expect(testNameProblem(tests, 0, 'a b')).toBe('not_plain');
    expect(testNameProblem(tests, 0, '.hidden')).toBe('not_plain');
    expect(testNameProblem(tests, 0, '1')).toBeNull();
  });

  it('names a new test with the next free number', () => {
    expect(newTest([]).name).toBe('1');
    expect(newTest([test('1'), test('7'), test('big')]).name).toBe('8');
  });
});

describe('moving tests', () => {
  const value: TestsValue = {
    samples: [test('s1'), test('s2')],
    groups: [
      { id: 'group-1', points: 30, tests: [test('1'), test('2'), test('3')] },
      { id: 'group-2', points: 70, tests: [test('1')] },
    ],
  };

  it('moves an item and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });

  it('moves a test up or down in its own list, leaving the others alone', () => {
    const next = moveTest(value, { kind: 'group', group: 0 }, 2, -1);
    expect(next.groups[0]?.tests.map((t) => t.name)).toEqual(['1', '3', '2']);
    expect(next.groups[1]).toBe(value.groups[1]);
    expect(next.samples).toBe(value.samples);
    expect(moveTest(value, { kind: 'samples' }, 0, 1).samples.map((t) => t.name)).toEqual(['s2', 's1']);
  });

  it('moves a test to the end of another group, renamed when that group has its name', () => {
    const moved = moveTestTo(value, { kind: 'group', group: 0 }, 0, { kind: 'group', group: 1 });
    expect(moved?.name).toBe('1-2');
    expect(moved?.index).toBe(1);
    expect(moved?.value.groups.map((g) => g.tests.map((t) => t.name))).toEqual([
      ['2', '3'],
      ['1', '1-2'],
    ]);
    expect(moveTestTo(value, { kind: 'samples' }, 1, { kind: 'group', group: 1 })?.value.samples.map((t) => t.name)).toEqual(['s1']);
    expect(moveTestTo(value, { kind: 'group', group: 1 }, 0, { kind: 'group', group: 1 })).toBeNull();
  });
});

describe('groups', () => {
  const groups = [
    { id: 'easy', points: 20, tests: [test('1')] },
    { id: 'group-2', points: 80, tests: [test('1')] },
  ];

  it('totals the points', () => {
    expect(totalPoints(groups)).toBe(100);
    expect(totalPoints([])).toBe(0);
  });

  it('renumbers the ids in judging order and adds a group with a free id and one test', () => {
    expect(renumberGroups(groups).map((g) => g.id)).toEqual(['group-1', 'group-2']);
    expect(newGroup(groups)).toEqual({ id: 'group-3', points: 0, tests: [{ name: '1', input: '', answer: '' }] });
    expect(newGroup([{ id: 'group-2', points: 1, tests: [] }]).id).toBe('group-3');
  });

  it('says why a typed group id cannot stay', () => {
    expect(groupIdProblem(groups, 0, 'group-2')).toBe('duplicate');
    expect(groupIdProblem(groups, 0, 'Easy')).toBe('not_slug');
    expect(groupIdProblem(groups, 0, 'hard-1')).toBeNull();
  });

  it('reads points as typed: whole numbers 0 to 1000 only', () => {
    expect(parsePoints('25')).toBe(25);
    expect(parsePoints(' 0 ')).toBe(0);
    expect(parsePoints('2.5')).toBeNull();
    expect(parsePoints('-1')).toBeNull();
    expect(parsePoints('1001')).toBeNull();
    expect(parsePoints('')).toBeNull();
  });
});

describe('long data', () => {
  it('is long past 4 KB or 40 lines', () => {
    expect(isLong('short\n')).toBe(false);
    expect(isLong('1\n'.repeat(41))).toBe(true);
    expect(isLong('x'.repeat(5000))).toBe(true);
    expect(isLong('ö'.repeat(2100))).toBe(true);
  });

  it('previews the first lines, each cut short', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const shown = preview(text);
    expect(shown.text.split('\n')).toHaveLength(8);
    expect(shown.more).toBe(true);
    expect(preview('a\nb').more).toBe(false);
    expect(preview('x'.repeat(500)).text).toBe(`${'x'.repeat(200)}…`);
  });

  it('formats sizes', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4300)).toBe('4.2 KB');
    expect(formatBytes(1.3 * 1024 * 1024)).toBe('1.3 MB');
  });
});

describe('solutions', () => {
  it('knows the language from the extension and sets the extension from a language', () => {
    expect(languageOfFile('Wrong.java')).toBe('java');
    expect(languageOfFile('sol.CC')).toBe('cpp');
    expect(languageOfFile('a.c')).toBe('c');
    expect(languageOfFile('notes.txt')).toBeNull();
    expect(withLanguage('accepted.py', 'cpp')).toBe('accepted.cpp');
    expect(withLanguage('fast.c++', 'go')).toBe('fast.go');
    expect(withLanguage('notes.txt', 'python')).toBe('notes.py');
    expect(withLanguage('', 'python')).toBe('solution.py');
  });

  it('guesses the expected verdict from the name as packages name them, accepted otherwise', () => {
    expect(verdictFromName('accepted.py')).toBe('accepted');
    expect(verdictFromName('Wrong.java')).toBe('wrong_answer');
    expect(verdictFromName('sol-wa.c')).toBe('wrong_answer');
    expect(verdictFromName('time_limit_exceeded.cpp')).toBe('time_limit');
    expect(verdictFromName('slow.py')).toBe('time_limit');
    expect(verdictFromName('crash.go')).toBe('runtime_error');
    expect(verdictFromName('answer.py')).toBe('accepted');
  });

  it('names a new solution freely and says why a typed name cannot stay', () => {
    const solutions = [{ name: 'accepted.py', source: '', expect: 'accepted' as const }];
    expect(newSolutionName(solutions, 'python')).toBe('accepted-2.py');
    expect(newSolutionName(solutions, 'java', 'Wrong')).toBe('Wrong.java');
    expect(solutionNameProblem(solutions, 1, 'Accepted.PY')).toBe('duplicate');
    expect(solutionNameProblem(solutions, 1, 'readme.txt')).toBe('no_language');
    expect(solutionNameProblem(solutions, 1, 'my solution.py')).toBe('not_plain');
    expect(solutionNameProblem(solutions, 0, 'accepted.py')).toBeNull();
  });

  it('adds uploaded sources, refusing unknown languages, too large, not text and past 20', () => {
    const existing = Array.from({ length: 18 }, (_, i) => ({ name: `s${i}.py`, source: '', expect: 'accepted' as const }));
    const { added, problems } = solutionsFromFiles(
      [
        { name: 'notes.md', size: 1, text: '#' },
        { name: 'huge.py', size: 1e9 },
        { name: 'bin.c', size: 3, text: '\uFFFD' },
        { name: 's1.py', size: 1, text: 'print(2)' },
        { name: 'wa.cpp', size: 1, text: 'int main(){}' },
        { name: 'late.go', size: 1, text: 'package main' },
      ],
      existing,
    );
    expect(added).toEqual([
      { name: 's1-2.py', source: 'print(2)', expect: 'accepted' },
      { name: 'wa.cpp', source: 'int main(){}', expect: 'wrong_answer' },
    ]);
    expect(problems).toEqual([
      { kind: 'no_language', file: 'notes.md' },
      { kind: 'too_large', file: 'huge.py', limit: 256 * 1024 },
      { kind: 'not_text', file: 'bin.c' },
      { kind: 'renamed', file: 's1.py', name: 's1-2.py' },
      { kind: 'too_many', file: 'late.go', limit: 20 },
    ]);
  });
});

describe('errors next to their fields', () => {
  const errors = [
    { path: ['groups', 1, 'tests', 0, 'name'], message: 'a plain file name' },
    { path: ['groups', 1, 'points'], message: 'Too big' },
    { path: ['groups'], message: 'At most 100' },
    { path: ['samples', 7, 'input'], message: 'gone' },
  ];

  it('finds the messages for a path, and those no shown field has', () => {
    expect(errorsAt(errors, ['groups', 1, 'points'])).toEqual(['Too big']);
    expect(errorsAt(errors, ['groups', 1])).toEqual([]);
    expect(errorsAt(undefined, ['groups'])).toEqual([]);
    const left = unplacedErrors(errors, [['groups'], ['groups', 1, 'points'], ['groups', 1, 'tests', 0, 'name']]);
    expect(left.map((error) => error.message)).toEqual(['gone']);
    expect(pathWords(['samples', 7, 'input'])).toBe('samples › 8 › input');
  });
});
