/**
 * The Tests and Solutions sections rendered with their real texts (English
 * and Swedish, as the editor page registers them in `authoring`), and their
 * upload summaries in words.
 */
import i18next, { type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ChallengeDraft } from '@kodbro/server/contracts';
import type { Say } from './section-t.ts';
import { SolutionsSection } from './SolutionsSection.tsx';
import { pairUploads, MAX_TEST_DATA_BYTES } from './test-files.ts';
import { TestsSection } from './TestsSection.tsx';
import testsSv from './tests-strings.sv.ts';
import testsEn from './tests-strings.ts';
import { solutionUploadSummary, testUploadSummary } from './upload-words.ts';

function keysOf(texts: object, prefix = ''): string[] {
  return Object.entries(texts).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}
const lookup = (texts: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], texts) as string;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

async function instance(language: 'en' | 'sv'): Promise<i18n> {
  const made = i18next.createInstance();
  await made.init({ lng: language, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { authoring: testsEn }, sv: { authoring: testsSv } } });
  return made;
}
const say = async (language: 'en' | 'sv') => (await instance(language)).getFixedT(language, 'authoring' as never) as unknown as Say;

async function render(element: React.ReactNode, language: 'en' | 'sv' = 'en'): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await instance(language)}>{element}</I18nextProvider>);
}

const noop = () => {};
const big = Array.from({ length: 50_000 }, (_, i) => `${i} ${i * 7}`).join('\n');
const samples: ChallengeDraft['samples'] = [{ name: '1', input: '1 2\n', answer: '3\n' }];
const groups: ChallengeDraft['groups'] = [
  { id: 'small', points: 30, tests: [{ name: '1', input: '5\n', answer: '8\n' }] },
  { id: 'large', points: 70, tests: [{ name: 'huge', input: big, answer: '42\r\n' }] },
];

describe('the sections’ texts', () => {
  it('Swedish has every English key and no other, each with the same placeholders and not empty', () => {
    const en = keysOf(testsEn).sort();
    expect(keysOf(testsSv).sort()).toEqual(en);
    for (const key of en) {
      expect(lookup(testsSv, key).trim(), key).not.toBe('');
      expect(placeholders(lookup(testsSv, key)), key).toEqual(placeholders(lookup(testsEn, key)));
    }
  });

  it('every key the sections use exists: no key shows as itself, in either language', async () => {
    for (const language of ['en', 'sv'] as const) {
      const html =
        (await render(<TestsSection samples={samples} groups={[...groups, { id: 'empty', points: 0, tests: [] }]} onChange={noop} errors={[{ path: ['title'], message: 'x' }]} />, language)) +
        (await render(<SolutionsSection solutions={[{ name: 'notes.txt', source: '', expect: 'accepted' }]} languages={['python']} onChange={noop} errors={[{ path: [5], message: 'y' }]} />, language)) +
        (await render(<SolutionsSection solutions={[]} languages={[]} onChange={noop} />, language));
      expect(html, language).not.toMatch(/(tests|solutions)\.[a-z]/i);
    }
  });

  it('says what an upload did, kind by kind, naming the files', async () => {
    const t = await say('en');
    const file = (name: string) => ({ name, size: 2, text: 'x\n' });
    const names = [...Array.from({ length: 12 }, (_, i) => [`${i + 1}.in`, `${i + 1}.ans`]).flat(), '13.in', 'notes.md'];
    const result = pairUploads(names.map(file), [], { maxTests: 1000, freeBytes: MAX_TEST_DATA_BYTES });
    expect(testUploadSummary(t, result, 'group-1')).toBe('Added 12 tests to group-1. 1 file had no answer: 13.in. 1 file is not a test file (.in, .ans or .out): notes.md.');
    const many = pairUploads(Array.from({ length: 12 }, (_, i) => file(`${i + 1}.in`)), [], { maxTests: 1000, freeBytes: 1000 });
    expect(testUploadSummary(t, many, 'Samples')).toBe('12 files had no answer: 1.in, 2.in, 3.in, 4.in, 5.in, 6.in, 7.in, 8.in, 9.in, 10.in and 2 more.');
    const tooLarge = pairUploads([{ name: '1.in', size: 9e6 }, file('1.ans')], [], { maxTests: 1000, freeBytes: MAX_TEST_DATA_BYTES });
    expect(testUploadSummary(t, tooLarge, 'Samples')).toBe('1 test was too large, the tests of a draft may take 7.0 MB in all (larger data comes as a package): 1.');
    expect(solutionUploadSummary(t, 1, [{ kind: 'no_language', file: 'a.txt' }])).toBe('Added 1 solution. 1 file has no known language: a.txt.');
    expect(testUploadSummary(await say('sv'), result, 'group-1')).toBe('La till 12 testfall i group-1. 1 fil saknade svar: 13.in. 1 fil är ingen testfil (.in, .ans eller .out): notes.md.');
  });
});

describe('TestsSection', () => {
  it('shows samples and groups with labelled fields, the total points and the upload zones', async () => {
    const html = await render(<TestsSection samples={samples} groups={groups} onChange={noop} />);
    expect(html).toContain('Total: 100 points');
    expect(html.match(/<fieldset class="tests-group">/g)).toHaveLength(2);
    expect(html).toMatch(/<label for="([^"]+)-s-t0-input">Input<\/label><textarea id="\1-s-t0-input"[^>]*>1 2\n<\/textarea>/);
    expect(html).toContain('aria-label="Move up: test 1 in Samples"');
    expect(html).toContain('aria-label="Move test huge of large to"');
    expect(html).toContain('<option value="0">Group 1 (small)</option>');
    expect(html).toMatch(/<label for="[^"]+-g1-upload">Upload test files to large<\/label><input id="[^"]+-g1-upload" type="file" multiple=""/);
    expect(html).toContain('aria-label="Drop test files for Samples here"');
  });

  it('shows long data as its first lines and size with an Edit toggle, never megabytes in a textarea', async () => {
    const html = await render(<TestsSection samples={[]} groups={groups} onChange={noop} />);
    expect(html.length).toBeLessThan(40_000);
    expect(html).toMatch(/<span class="tests-field-label">Input<\/span><pre id="[^"]+-g1-t0-input" class="tests-preview" dir="ltr">0 0\n1 7\n(.+\n){5}7 49\n…<\/pre>/);
    expect(html).toContain('<span>608.4 KB, 50000 lines</span>');
    expect(html).toContain('aria-expanded="false" aria-label="Edit the input of test huge in large">Edit</button>');
    // The short answer with CRLF is in a textarea, with the note that editing makes it LF.
    expect(html).toContain('This text has Windows line endings (CRLF), kept as uploaded.');
  });

  it('puts each server error next to its field, and those of no field at the top', async () => {
    const errors = [
      { path: ['groups', 1, 'tests', 0, 'name'], message: 'Bad name from the server' },
      { path: ['groups', 0, 'points'], message: 'Too many points' },
      { path: ['samples', 4, 'input'], message: 'Lost error' },
    ];
    const html = await render(<TestsSection samples={samples} groups={groups} onChange={noop} errors={errors} />);
    expect(html).toMatch(/id="([^"]+-g1-t0-name)"[^>]*aria-invalid="true" aria-describedby="\1-messages"[^>]*\/><ul id="\1-messages" class="tests-problem"><li>Bad name from the server<\/li>/);
    expect(html).toMatch(/-g0-points-messages" class="tests-problem"><li>Too many points<\/li>/);
    expect(html).toMatch(/role="alert"><p>The server found these problems:<\/p><ul><li><code dir="ltr">samples › 5 › input<\/code> Lost error<\/li>/);
  });

  it('says at once what is wrong with a name, an id or an empty group, before the server does', async () => {
    const html = await render(
      <TestsSection
        samples={[
          { name: 'a b', input: '', answer: '' },
          { name: 'x', input: '', answer: '' },
          { name: 'X', input: '', answer: '' },
        ]}
        groups={[
          { id: 'Dup', points: 1, tests: [] },
          { id: 'dup', points: 1, tests: [{ name: '1', input: '', answer: '' }] },
          { id: 'dup', points: 1, tests: [{ name: '1', input: '', answer: '' }] },
        ]}
        onChange={noop}
      />,
    );
    expect(html).toContain('Use letters, digits, dot, dash and underscore');
    expect(html.match(/Another test in this list has this name\./g)).toHaveLength(2);
    expect(html).toContain('Use lower-case letters, digits and dashes');
    expect(html.match(/Another group has this id\./g)).toHaveLength(2);
    expect(html).toContain('A group needs at least one test.');
  });
});

describe('SolutionsSection', () => {
  const solutions: ChallengeDraft['solutions'] = [
    { name: 'accepted.py', source: 'print(1)\n', expect: 'accepted' },
    { name: 'Wrong.java', source: 'class Wrong {}', expect: 'wrong_answer' },
  ];

  it('shows each solution with its name, language and expected verdict in words, the challenge’s languages first', async () => {
    const html = await render(<SolutionsSection solutions={solutions} languages={['java', 'python']} onChange={noop} />);
    expect(html).toMatch(/<select id="[^"]+-1-expect"[^>]*>.*<option value="wrong_answer" selected="">Wrong answer<\/option>.*<option value="time_limit">Time limit exceeded<\/option>/);
    expect(html).not.toContain('system_error');
    expect(html).toMatch(/<select id="[^"]+-0-language">.*?<option value="java">Java<\/option><option value="python" selected="">Python<\/option><option value="javascript">JavaScript \(not offered to candidates\)<\/option>/);
    expect(html).toContain('aria-label="Edit source of accepted.py"');
    expect(html).toContain('aria-label="Remove solution Wrong.java"');
    expect(html).toMatch(/accept="\.py,\.js,\.cjs,\.java,\.c,\.cpp,\.cc,\.cxx,\.c\+\+,\.go,\.cs,\.kt,\.rs,\.rb,\.php,\.ts,\.hs"/);
  });

  it('says why a name cannot stay, and shows the server’s errors by index', async () => {
    const html = await render(
      <SolutionsSection
        solutions={[...solutions, { name: 'accepted.PY', source: '', expect: 'accepted' }, { name: 'notes.txt', source: '', expect: 'accepted' }]}
        languages={[]}
        onChange={noop}
        errors={[{ path: [1, 'source'], message: 'At most 256 KB' }]}
      />,
    );
    expect(html).toContain('Another solution has this name.');
    expect(html).toContain('End the name with a language’s extension');
    expect(html).toMatch(/<option value="" selected="">Not a known language<\/option>/);
    expect(html).toContain('<li>At most 256 KB</li>');
  });
});
