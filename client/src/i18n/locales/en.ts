/**
 * English: the reference text and the fallback for every other language.
 * Keep strings short and plain: many candidates read English as a second or
 * third language.
 *
 * Every other locale file has exactly these keys, with two kinds of freedom:
 * - A key ending in `_one`/`_other` is a plural: a locale has the forms its
 *   language needs instead (uk `_one/_few/_many/_other`, ar all six of
 *   `_zero/_one/_two/_few/_many/_other`), picked by i18next from `count`.
 *   Use a plural wherever a number counts something ("3 minutes", "of 5 tests").
 * - `{{value, number}}` writes a number in the locale's digits and grouping
 *   (Dari: ۴۵); a bare `{{value}}` keeps Latin digits. Numbers of the
 *   interface (minutes, counts, positions, scores) are `number`; numbers that
 *   belong to code and machines (test and group ids, exit codes, time and
 *   memory in ms/MB/KB) stay bare, as in the compiler's and the judge's output.
 *   Every locale uses the same placeholders with the same formats as English.
 *
 * `Messages<forms>` makes the compiler check a locale's keys and plural forms;
 * `locales.test.ts` checks the forms against the language's plural rules and
 * the placeholders. Which translations a native speaker has reviewed: README,
 * "Translations".
 */
const en = {
  common: {
    language: 'Language',
    loading: 'Loading…',
    retry: 'Try again',
    reconnecting: 'Connection lost. Reconnecting…',
    skipToContent: 'Skip to content',
  },
  landing: {
    title: 'Start your assessment',
    intro: 'Type the code from your invitation.',
    codeLabel: 'Your code',
    codeHint: '8 letters and numbers. Spaces and dashes do not matter.',
    codeLength: 'The code has 8 characters. You typed {{count}}.',
    codeLetters: 'Codes use the digits 2–9 and the letters A–Z except I, L, O and U.',
    continue: 'Continue',
    staffLink: 'Staff sign-in',
  },
  invite: {
    opening: 'Opening your invitation…',
    useCode: 'Type a code instead',
  },
  attempt: {
    noSession: 'You are not signed in on this device.',
    enterCode: 'Type your code',
    hello: 'Hello, {{name}}',
    timeLimit_one: 'Time limit: {{count, number}} minute',
    timeLimit_other: 'Time limit: {{count, number}} minutes',
    closesAt: 'Open until: {{time}}',
    tasks: 'Tasks',
    startInfo: 'The timer starts when you press Start. If you lose the connection or close the page, come back with the same link or code: your code is saved.',
    start: 'Start',
    finish: 'Finish',
    finishConfirm: 'Finish the assessment? You cannot change your code after this.',
    finishedTitle: 'You have finished. Thank you!',
    finishedInfo: 'Your work is saved. The company will contact you.',
    leave: 'Leave this device',
    leaveConfirm: 'Sign out on this device? You can come back later with your link or code.',
    leaveInfo: 'On a shared computer, press this when you are done.',
    timeLeft: 'Time left',
    timeUp: 'Time is up.',
    minutesLeft_one: '{{count, number}} minute left',
    minutesLeft_other: '{{count, number}} minutes left',
  },
  workspace: {
    statementLanguage: 'Text language',
    programmingLanguage: 'Programming language',
    editor: 'Code editor. The Tab key inserts spaces; press Escape, then Tab, to leave.',
    runSamples: 'Run samples',
    customInput: 'Custom input',
    runCustom: 'Run with custom input',
    submit: 'Submit',
    submitConfirm: 'Submit this code for scoring?',
    results: 'Results',
    noRuns: 'No runs yet.',
    history: 'Earlier submissions',
    limits: 'Time limit {{timeMs}} ms, memory {{memoryMb}} MB',
    resetToStarter: 'Reset to starter code',
    resetConfirm: 'Replace your code with the starter code?',
    kind_samples: 'Samples',
    kind_custom: 'Custom input',
    kind_submit: 'Submission',
  },
  save: {
    saved: 'Saved',
    saving: 'Saving…',
    offline: 'Offline — will retry',
    conflict: 'Your code was changed on another device. The newest version is shown.',
  },
  progress: {
    queued: 'Waiting in queue. Position: {{position, number}}',
    queuedNext: 'Next in queue',
    compiling: 'Compiling…',
    testing: 'Test {{index, number}} of {{total, number}}',
    hiddenTests_one: '{{finished, number}} of {{count, number}} test done',
    hiddenTests_other: '{{finished, number}} of {{count, number}} tests done',
    retrying: 'Trying again (a problem on our side)…',
    running: 'Running…',
    done: 'Done',
    failed: 'We could not run your code. This is not your fault. Try again.',
  },
  result: {
    score: 'Score: {{score, number}} / 100',
    hidden: 'Submitted. The result is not shown here.',
    systemFailure: 'We could not judge this run. This is not your fault. Try again.',
    compileOutput: 'Compiler output',
    test: 'Test {{id}}',
    input: 'Input',
    expected: 'Expected output',
    output: 'Your output',
    stderr: 'Error output',
    exitCode: 'Exit code: {{code}}',
    truncated: 'The output was shortened.',
    timeMemory: '{{timeMs}} ms, {{memoryKb}} KB',
    group_one: 'Group {{id}}: {{passed, number}} of {{count, number}} test passed',
    group_other: 'Group {{id}}: {{passed, number}} of {{count, number}} tests passed',
  },
  verdict: {
    accepted: 'Accepted',
    wrong_answer: 'Wrong answer',
    time_limit: 'Too slow',
    memory_limit: 'Too much memory',
    runtime_error: 'Runtime error',
    output_limit: 'Too much output',
    compile_error: 'Compile error',
    system_error: 'System error (not your fault)',
  },
  errors: {
    network: 'No connection. Check your internet and try again.',
    timeout: 'The server is slow to answer. Try again.',
    bad_response: 'Something went wrong. Reload the page.',
    invalid_request: 'Something in the request was wrong.',
    unauthenticated: 'You are not signed in.',
    forbidden: 'You are not allowed to do this.',
    csrf_failed: 'Your session has expired. Reload the page.',
    not_found: 'Not found. Check the code or the link.',
    attempt_not_started: 'Press Start first.',
    attempt_closed: 'This assessment is closed.',
    not_open: 'This assessment is not open now.',
    rate_limited: 'Too many tries. Wait a minute, then try again.',
    payload_too_large: 'Too much text. Make it shorter.',
    quota_exceeded: 'No more runs can be stored for this attempt. Your code is still saved, and your best submission counts.',
    language_not_allowed: 'This programming language is not allowed here.',
    internal: 'A problem on our side. Try again.',
  },
  editor: {
    hint: 'Tab indents, Shift+Tab un-indents. To leave the editor, press Escape, then Tab.',
  },
};

export default en;

/** CLDR's plural categories; a language uses some of them (`Intl.PluralRules#resolvedOptions`). */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

type English = typeof en;
/** English's plural forms: a key ending in one of these is a plural. */
type EnglishForm = 'one' | 'other';
/** `timeLimit` for `timeLimit_one` and `timeLimit_other`. */
type PluralBase<K> = K extends `${infer Base}_${EnglishForm}` ? Base : never;
type Section<S, Forms extends PluralCategory> = {
  [K in Exclude<keyof S, `${PluralBase<keyof S>}_${EnglishForm}`>]: string;
} & {
  [K in `${PluralBase<keyof S>}_${Forms}`]: string;
};

/**
 * The shape of a locale: English's keys, any strings, and each plural in the
 * `Forms` of the locale's language (`Messages<'one' | 'few' | 'many' | 'other'>`
 * for Ukrainian). English's own shape is `Messages`.
 */
export type Messages<Forms extends PluralCategory = EnglishForm> = { [S in keyof English]: Section<English[S], Forms> };
