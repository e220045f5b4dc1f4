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
    panes: 'Parts of the task',
    pane_statement: 'Task',
    pane_code: 'Code',
    pane_results: 'Results',
    codeHeading: 'Your code',
    sent: 'Your run is on its way. The result will appear here.',
    copySample: 'Copy sample {{number}}',
    yourFunction: 'Your function',
    functionHint: 'Write only this function: it is given its arguments, and what it returns is checked. Do not read input or print the answer.',
    arguments: 'Arguments (JSON)',
    argumentsHint: 'A JSON array with one value per parameter: {{params}}.',
    argumentsInvalid: 'These arguments do not fit the function: {{problem}}',
    sampleInteractions: 'Sample interactions',
    sampleInteraction: 'Sample interaction {{number}}',
    interactionLegend: 'Your program talks with a judge program. Lines marked > are what your program writes; lines marked < are what it reads. Flush your output after each line, or the judge waits for it.',
    useAsCustomInput: 'Use as custom input',
    lightEditor: 'Light editor',
    sideBySide: 'Side by side',
    secondVersion: 'Second language',
    startedAnnounce: 'The timer has started. You are at the first task.',
  },
  save: {
    saved: 'Saved',
    saving: 'Saving…',
    offline: 'Offline — will retry',
    conflict: 'Your code was changed on another device. The newest version is shown.',
    keptHere: 'Not sent yet — kept on this device',
    savedAgain: 'Connection back. Your code is saved.',
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
    returned: 'Returned value',
    printed: 'Printed by your program',
    noValue: 'No value was returned: {{reason}}',
    exitCode: 'Exit code: {{code}}',
    truncated: 'The output was shortened.',
    timeMemory: '{{timeMs}} ms, {{memoryKb}} KB',
    group_one: 'Group {{id}}: {{passed, number}} of {{count, number}} test passed',
    group_other: 'Group {{id}}: {{passed, number}} of {{count, number}} tests passed',
    stopped: 'Stopped: {{reason}}',
    diffLabel: 'Expected output and your output, line by line',
    diffSame: 'The lines match; the difference is in spaces or empty lines.',
    firstDifference: 'First difference: line {{line}}',
    differs: 'differs',
    noLine: '(no line)',
    moreLines: 'Lines not shown: {{count}}',
    goToLine: 'Go to line {{line}}',
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
  status: {
    online: 'Online',
    offline: 'Offline — you can keep working',
    wentOffline: 'You are offline. Keep working: your code is kept on this device and sent when the connection returns.',
    backOnline: 'You are online again.',
  },
  outbox: {
    waiting: 'Waiting for the connection. It will be sent automatically.',
    count: 'Runs waiting to be sent: {{count}}',
  },
  conflict: {
    title: 'Two versions of this code',
    explain: 'It was also changed on another device or tab. Both are kept. Choose which to keep.',
    showOther: 'Show the other version',
    keepMine: 'Keep the version on this screen',
    useOther: 'Use the other version',
    keepBoth: 'Keep both (merge them yourself)',
    dismiss: 'OK',
  },
  finish: {
    title: 'Finish the assessment?',
    warning: 'These tasks will not count as they are now:',
    notSubmitted: 'not submitted',
    changed: 'changed since your last submission',
    allSubmitted: 'Every task has a submission with your latest code.',
    submitFirst: 'Submit them, then finish ({{count}})',
    finishAnyway: 'Finish without submitting',
    keepWorking: 'Keep working',
  },
  overview: {
    languages: 'Languages:',
    scoringTitle: 'How it is scored',
    countsWhenSubmitted: 'A task counts only when you submit it. Running the samples does not count.',
    bestCounts: 'You can submit as often as you like. Your best submission of each task counts.',
    lastCounts: 'You can submit as often as you like. Your last submission of each task counts.',
    youSee_none: 'You will not see scores during the test.',
    youSee_aggregate: 'After each submission you see your score, but not the hidden tests.',
    youSee_samples: 'After each submission you see your score and how many tests of each group passed.',
    companySeesTitle: 'What the company sees',
    companySees: 'Your code, every run and submission with its result, how your code was written over time, when you were connected, and how long you took. Nothing else about you or this device.',
    beforeStart: 'Before you start',
    connection: 'Connection:',
    checking: 'checking…',
    connection_good: 'good',
    connection_slow: 'slow',
    connection_offline: 'offline',
    connectionAdvice_slow: 'You can still take the test: your code is kept on this device and sent when it can be.',
    connectionAdvice_offline: 'The server cannot be reached. Check your internet, then check again.',
    checkAgain: 'Check again',
    interfaceLanguage: 'Interface language: {{name}}.',
    changeLanguage: 'Change',
  },
  receipt: {
    title: 'Your receipt',
    finishedAt: 'Finished: {{time}}',
    bestCounts: 'For each task, your best submission counts.',
    lastCounts: 'For each task, your last submission counts.',
    none: 'No submission.',
    when: 'Submitted',
    score: 'Score',
    note: 'Note',
    counts: 'This one counts',
    timeUp: 'Submitted automatically when time ran out',
    code: 'Code',
    pending: 'Being judged',
    hidden: 'Not shown',
    clearTitle: 'On a shared computer?',
    clearInfo: 'Remove everything of this test from this device: your code, your runs and this page. Your submissions stay with the company.',
    clear: 'Remove everything from this device',
  },
  explain: {
    title: 'Explain your solution',
    intro: 'The company asks you to answer in a few sentences, in your own language. Your answers go with your submission; there are no wrong answers.',
    save: 'Save answers',
    saved: 'Answers saved.',
    failed: 'Your answers could not be saved. Check the connection and try again.',
  },
  share: {
    title: 'Share your result',
    info: 'You can let other companies check your result: they open a link, or scan a QR code, and see that Kodbro recorded it and that nobody changed it. Sharing is off until you turn it on, and you can turn it off again at any time.',
    whatIsShown: 'Anyone with the link sees: the company, the name of the test, your name as the company wrote it, the score of each task, the total and the date. Not your code.',
    statePrivate: 'Your result is not shared.',
    stateShared: 'Your result is shared: anyone with the link can check it.',
    start: 'Make my result shareable',
    stop: 'Stop sharing',
    nowShared: 'Your result can now be checked with the link below.',
    nowPrivate: 'Your result is no longer shared. The link does not work any more.',
    link: 'Link to your result',
    open: 'Open the check page',
    qrLabel: 'QR code of the link to your result',
    revoked: 'The company withdrew this result on {{time}}. The check page says so.',
    errorPending: 'Some of your submissions are still being judged. Try again when they are done.',
    errorHidden: 'This company does not show scores, so there is no result to share.',
    error: 'That did not work. Check your connection and try again.',
  },
  verify: {
    title: 'Check a Kodbro result',
    genuine: 'Genuine and unchanged: this result was signed by the Kodbro server that issued it, and nothing in it has been changed since.',
    does_not_verify: 'Does not verify: this result was changed after it was signed, or it was not signed by this server. Do not trust it.',
    unsupported: 'This browser cannot check the signature itself.',
    serverCheck: 'Server check (not done in your browser): the server that issued this result has it in its records as shown here. For your own check, open this page in a recent browser, or download the file and check it with the Kodbro command.',
    revoked: 'Revoked by the organisation on {{time}}.',
    reason: 'Reason:',
    organisation: 'Organisation',
    assessment: 'Test',
    candidate: 'Candidate',
    noName: 'No name recorded',
    finished: 'Finished',
    scores: 'Score per task',
    task: 'Task',
    score: 'Score',
    total: 'Total',
    recorded: 'As recorded by Kodbro at {{issuer}} when the candidate chose to share it.',
    download: 'Download the signed result (JSON file)',
    offline: 'The file can be checked without this page: npm run kodbro -- verify <file> --key <key file>.',
    notFound: 'No shared result has this address. The candidate may have stopped sharing it, or the link is incomplete.',
    tooMany: 'Too many checks from this network. Wait a few minutes and try again.',
    failed: 'The result could not be loaded. Check your connection and try again.',
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
