import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { ChallengeDraft } from '@kodbro/server/contracts';
import { errorsAt, unplacedErrors, type FieldPath, type SectionErrors } from './section-errors.ts';
import { DropZone, Field, FieldErrors, UnplacedErrors } from './section-parts.tsx';
import {
  filesToRead,
  formatBytes,
  freeTestBytes,
  groupIdProblem,
  isLong,
  listOf,
  MAX_GROUPS,
  MAX_SAMPLES,
  MAX_TESTS_PER_GROUP,
  moveItem,
  moveTest,
  moveTestTo,
  newGroup,
  newTest,
  pairUploads,
  parsePoints,
  preview,
  renumberGroups,
  isPlainName,
  totalPoints,
  utf8Bytes,
  type DraftGroup,
  type DraftTest,
  type ListRef,
  type TestsValue,
  type UploadedFile,
} from './test-files.ts';
import { testUploadSummary } from './upload-words.ts';
import { useSectionT } from './section-t.ts';
import './tests.css';

type Errors = SectionErrors | undefined;

/**
 * The draft's samples and hidden test groups: add, edit, remove, upload many
 * files at once, reorder with buttons, move between groups, group ids and
 * points. Every change goes to `onChange` as a whole new value; what a change
 * did is said in the section's live region, and focus goes where the author
 * continues (the new test's name, the moved test's button, the next test).
 */
export function TestsSection(props: {
  samples: ChallengeDraft['samples'];
  groups: ChallengeDraft['groups'];
  onChange: (next: { samples: ChallengeDraft['samples']; groups: ChallengeDraft['groups'] }) => void;
  errors?: readonly { path: (string | number)[]; message: string }[];
  /** A function-signature challenge's function: its tests are JSON values, said here. */
  functionName?: string | undefined;
}): JSX.Element {
  const t = useSectionT();
  const base = useId();
  const [news, setNews] = useState('');
  // What the last removal took away, to put back: the value before it, what to say, where focus goes.
  const [undo, setUndo] = useState<{ value: TestsValue; message: string; focus: string } | null>(null);
  // The id of the element to focus once the change has rendered.
  const focusNext = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.getElementById(id)?.focus();
  });

  const value: TestsValue = { samples: props.samples, groups: props.groups };
  const latestValue = useRef(value);
  useLayoutEffect(() => {
    latestValue.current = value;
  });
  const change = (next: TestsValue, message: string, focus?: string) => {
    focusNext.current = focus ?? null;
    setNews(message);
    setUndo(null);
    props.onChange(next);
  };

  const listId = (list: ListRef) => (list.kind === 'samples' ? `${base}-s` : `${base}-g${list.group}`);
  const testId = (list: ListRef, index: number, part: string) => `${listId(list)}-t${index}-${part}`;
  const listName = (list: ListRef) => (list.kind === 'samples' ? t('tests.samples') : (props.groups[list.group]?.id ?? ''));
  const errorPath = (list: ListRef, ...rest: FieldPath): FieldPath => (list.kind === 'samples' ? ['samples', ...rest] : ['groups', list.group, 'tests', ...rest]);

  const listActions: ListActions = {
    edit: (list, index, test) => {
      setUndo(null);
      props.onChange(withTest(value, list, index, test));
    },
    add: (list) => {
      const tests = listOf(value, list);
      const test = newTest(tests);
      change(withList(value, list, [...tests, test]), t('tests.news.addedTest', { name: test.name, list: listName(list) }), testId(list, tests.length, 'name'));
    },
    remove: (list, index) => {
      const tests = listOf(value, list);
      const next = tests.filter((_, at) => at !== index);
      const focus = next.length === 0 ? `${listId(list)}-add` : testId(list, Math.min(index, next.length - 1), 'name');
      const name = tests[index]?.name;
      change(withList(value, list, next), t('tests.news.removedTest', { name, list: listName(list) }), focus);
      setUndo({ value, message: t('tests.news.undoneTest', { name, list: listName(list) }), focus: testId(list, index, 'name') });
    },
    move: (list, index, delta) => {
      const to = index + delta;
      const name = listOf(value, list)[index]?.name;
      const edge = to === 0 || to === listOf(value, list).length - 1;
      // At the end it went to, the button that moved it is gone: the other one keeps focus.
      const button = delta < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
      change(moveTest(value, list, index, delta), t('tests.news.moved', { name, position: to + 1, list: listName(list) }), testId(list, to, button));
    },
    moveTo: (from, index, to) => {
      const moved = moveTestTo(value, from, index, to);
      if (!moved) return;
      const from_ = listOf(value, from)[index]?.name ?? '';
      const message =
        moved.name === from_ ? t('tests.news.movedTo', { name: moved.name, list: listName(to) }) : t('tests.news.movedRenamed', { from: from_, name: moved.name, list: listName(to) });
      const left = listOf(moved.value, from);
      change(moved.value, message, left.length === 0 ? `${listId(from)}-add` : testId(from, Math.min(index, left.length - 1), 'name'));
    },
    upload: async (list, files) => {
      const free = freeTestBytes(value);
      setNews(t('tests.upload.reading', { count: files.length }));
      try {
        const wanted = filesToRead(files, free);
        const read: UploadedFile[] = [];
        // One at a time: only one file's text is being decoded at any moment.
        for (const [index, file] of files.entries()) read.push(wanted.has(index) ? { name: file.name, size: file.size, text: await file.text() } : { name: file.name, size: file.size });
        // The draft as it is now: the author may have changed it while the files were read.
        const now = latestValue.current;
        const tests = listOf(now, list);
        const maxTests = list.kind === 'samples' ? MAX_SAMPLES : MAX_TESTS_PER_GROUP;
        const result = pairUploads(read, tests, { maxTests, freeBytes: freeTestBytes(now) });
        const summary = testUploadSummary(t, result, listName(list));
        if (result.added.length === 0) {
          setNews(summary);
          return;
        }
        change(withList(now, list, [...tests, ...result.added]), summary);
      } catch (caught) {
        setNews(t('tests.upload.failed', { reason: caught instanceof Error ? caught.message : String(caught) }));
      }
    },
  };

  // Stable actions for the memoised tests, calling the latest closures above (set after each render, before any event).
  const latestActions = useRef(listActions);
  useLayoutEffect(() => {
    latestActions.current = listActions;
  });
  const actions = useMemo<ListActions>(
    () => ({
      edit: (...args) => latestActions.current.edit(...args),
      add: (...args) => latestActions.current.add(...args),
      remove: (...args) => latestActions.current.remove(...args),
      move: (...args) => latestActions.current.move(...args),
      moveTo: (...args) => latestActions.current.moveTo(...args),
      upload: (...args) => latestActions.current.upload(...args),
    }),
    [],
  );

  const groupChange = (index: number, group: DraftGroup) => {
    setUndo(null);
    props.onChange({ ...value, groups: props.groups.map((g, at) => (at === index ? group : g)) });
  };
  const addGroup = () => {
    const group = newGroup(props.groups);
    change({ ...value, groups: [...props.groups, group] }, t('tests.news.addedGroup', { id: group.id }), `${base}-g${props.groups.length}-id`);
  };
  const removeGroup = (index: number) => {
    const group = props.groups[index];
    if (!group) return;
    const groups = props.groups.filter((_, at) => at !== index);
    change({ ...value, groups }, t('tests.news.removedGroup', { id: group.id, count: group.tests.length }), groups.length === 0 ? `${base}-add-group` : `${base}-g${Math.min(index, groups.length - 1)}-id`);
    setUndo({ value, message: t('tests.news.undone', { id: group.id }), focus: `${base}-g${index}-id` });
  };
  const moveGroup = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    const edge = to === 0 || to === props.groups.length - 1;
    const button = delta < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
    change({ ...value, groups: moveItem(props.groups, index, to) }, t('tests.news.movedGroup', { id: props.groups[index]?.id, position: to + 1 }), `${base}-g${to}-${button}`);
  };

  const errors = props.errors;
  const shownPaths = fieldPaths(value);
  const unplaced = unplacedErrors(errors, shownPaths);
  const samplesList: ListRef = { kind: 'samples' };
  // The same array while the group ids stay the same, so the tests need not be drawn again.
  const groupIds = JSON.stringify(props.groups.map((group) => group.id));
  const targets = useMemo<Target[]>(
    () => [
      { list: { kind: 'samples' }, name: t('tests.samples') },
      ...(JSON.parse(groupIds) as string[]).map((id, index) => ({ list: { kind: 'group' as const, group: index }, name: t('tests.groupName', { number: index + 1, id }) })),
    ],
    [groupIds, t],
  );

  return (
    <section className="tests-section" aria-labelledby={`${base}-heading`}>
      <h2 id={`${base}-heading`}>{t('tests.heading')}</h2>
      <p className="hint">{t('tests.intro')}</p>
      {props.functionName !== undefined && <p className="hint">{t('tests.jsonHint', { name: props.functionName })}</p>}
      <div className="tests-news">
        <p role="status" aria-live="polite" aria-atomic="true">
          {news}
        </p>
        {undo && (
          <button
              type="button"
              className="small"
              onClick={() => {
                change(undo.value, undo.message, undo.focus);
              }}
            >
              {t('tests.news.undo')}
            </button>
        )}
      </div>
      <UnplacedErrors title={t('tests.otherErrors')} errors={unplaced} />

      <section className="tests-list-section" aria-labelledby={`${base}-samples-heading`}>
        <h3 id={`${base}-samples-heading`}>{t('tests.samplesHeading')}</h3>
        <p className="hint">{t('tests.samplesHint', { max: MAX_SAMPLES })}</p>
        <FieldErrors messages={errorsAt(errors, ['samples'])} />
        <TestList
          list={samplesList}
          listId={listId(samplesList)}
          tests={props.samples}
          max={MAX_SAMPLES}
          targets={targets}
          errors={errors}
          errorPath={errorPath}
          listName={t('tests.samples')}
          actions={actions}
          empty={t('tests.noSamples')}
          addLabel={t('tests.addSample')}
        />
      </section>

      <section className="tests-list-section" aria-labelledby={`${base}-groups-heading`}>
        <h3 id={`${base}-groups-heading`}>{t('tests.groupsHeading')}</h3>
        <p className="tests-total">{t('tests.totalPoints', { count: totalPoints(props.groups) })}</p>
        <FieldErrors messages={errorsAt(errors, ['groups'])} />
        {props.groups.length === 0 && <p>{t('tests.noGroups')}</p>}
        <ol className="tests-groups">
          {props.groups.map((group, index) => {
            const list: ListRef = { kind: 'group', group: index };
            return (
              <li key={index}>
                <fieldset className="tests-group">
                  <legend>{t('tests.groupLegend', { number: index + 1 })}</legend>
                  <GroupFields base={`${base}-g${index}`} groups={props.groups} index={index} errors={errors} onChange={(next) => groupChange(index, next)} />
                  <div className="tests-actions">
                    <button type="button" id={`${base}-g${index}-up`} className="small" disabled={index === 0} onClick={() => moveGroup(index, -1)} aria-label={t('tests.moveGroupUpLabel', { id: group.id })}>
                      {t('tests.moveGroupUp')}
                    </button>
                    <button
                      type="button"
                      id={`${base}-g${index}-down`}
                      className="small"
                      disabled={index === props.groups.length - 1}
                      onClick={() => moveGroup(index, 1)}
                      aria-label={t('tests.moveGroupDownLabel', { id: group.id })}
                    >
                      {t('tests.moveGroupDown')}
                    </button>
                    <button type="button" className="small" onClick={() => removeGroup(index)} aria-label={t('tests.removeGroupLabel', { id: group.id })}>
                      {t('tests.removeGroup')}
                    </button>
                  </div>
                  <FieldErrors messages={errorsAt(errors, ['groups', index, 'tests'])} />
                  {group.tests.length === 0 && <p className="tests-problem">{t('tests.emptyGroup')}</p>}
                  <TestList
                    list={list}
                    listId={listId(list)}
                              tests={group.tests}
                    max={MAX_TESTS_PER_GROUP}
                    targets={targets}
                    errors={errors}
                    errorPath={errorPath}
                    listName={group.id}
                    actions={actions}
                    addLabel={t('tests.addTest')}
                  />
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="tests-actions">
          <button type="button" id={`${base}-add-group`} onClick={addGroup} disabled={props.groups.length >= MAX_GROUPS}>
            {t('tests.addGroup')}
          </button>
          {props.groups.length > 0 && (
            <button type="button" onClick={() => change({ ...value, groups: renumberGroups(props.groups) }, t('tests.news.renumbered', { count: props.groups.length }))}>
              {t('tests.renumber')}
            </button>
          )}
          {props.groups.length >= MAX_GROUPS && <span className="hint">{t('tests.groupsFull', { max: MAX_GROUPS })}</span>}
        </div>
      </section>
    </section>
  );
}

interface ListActions {
  edit: (list: ListRef, index: number, test: DraftTest) => void;
  add: (list: ListRef) => void;
  remove: (list: ListRef, index: number) => void;
  move: (list: ListRef, index: number, delta: -1 | 1) => void;
  moveTo: (from: ListRef, index: number, to: ListRef) => void;
  upload: (list: ListRef, files: File[]) => Promise<void>;
}

function withList(value: TestsValue, list: ListRef, tests: DraftTest[]): TestsValue {
  if (list.kind === 'samples') return { ...value, samples: tests };
  return { ...value, groups: value.groups.map((group, index) => (index === list.group ? { ...group, tests } : group)) };
}

function withTest(value: TestsValue, list: ListRef, index: number, test: DraftTest): TestsValue {
  return withList(
    value,
    list,
    listOf(value, list).map((entry, at) => (at === index ? test : entry)),
  );
}

/** Every path the section shows an error beside: the rest are listed at the top. */
function fieldPaths(value: TestsValue): FieldPath[] {
  const testPaths = (prefix: FieldPath, tests: readonly DraftTest[]) => tests.flatMap((_, index) => ['name', 'input', 'answer'].map((field) => [...prefix, index, field]));
  return [
    ['samples'],
    ...testPaths(['samples'], value.samples),
    ['groups'],
    ...value.groups.flatMap((group, index) => [['groups', index, 'id'], ['groups', index, 'points'], ['groups', index, 'tests'], ...testPaths(['groups', index, 'tests'], group.tests)]),
  ];
}

type Target = { list: ListRef; name: string };
const refOf = (listKey: number): ListRef => (listKey < 0 ? { kind: 'samples' } : { kind: 'group', group: listKey });
const keyOf = (list: ListRef) => (list.kind === 'samples' ? -1 : list.group);

function TestList(props: {
  list: ListRef;
  listId: string;
  tests: readonly DraftTest[];
  max: number;
  targets: readonly Target[];
  errors: Errors;
  errorPath: (list: ListRef, ...rest: FieldPath) => FieldPath;
  listName: string;
  actions: ListActions;
  empty?: string;
  addLabel: string;
}) {
  const t = useSectionT();
  const { list, tests, actions } = props;
  const full = tests.length >= props.max;
  const seen = new Map<string, number>();
  for (const test of tests) seen.set(test.name.toLowerCase(), (seen.get(test.name.toLowerCase()) ?? 0) + 1);
  return (
    <>
      {tests.length === 0 && props.empty && <p>{props.empty}</p>}
      <ol className="tests-list">
        {tests.map((test, index) => {
          const messages = (field: string) => errorsAt(props.errors, props.errorPath(list, index, field));
          return (
            <li key={index}>
              <TestItem
                test={test}
                index={index}
                count={tests.length}
                duplicate={(seen.get(test.name.toLowerCase()) ?? 0) > 1}
                listKey={keyOf(list)}
                listId={props.listId}
                listName={props.listName}
                targets={props.targets}
                // As text, so an item whose messages did not change is not drawn again.
                errorText={JSON.stringify([messages('name'), messages('input'), messages('answer')])}
                actions={actions}
              />
            </li>
          );
        })}
      </ol>
      <div className="tests-actions">
        <button type="button" id={`${props.listId}-add`} onClick={() => actions.add(list)} disabled={full}>
          {props.addLabel}
        </button>
        {full && <span className="hint">{t('tests.full', { max: props.max })}</span>}
      </div>
      <DropZone id={`${props.listId}-upload`} listName={props.listName} onFiles={(files) => void actions.upload(list, files)} />
    </>
  );
}

/**
 * One test. Drawn again only when its own props change (a group of a
 * thousand tests stays quick to type in): the actions are stable and read
 * the section's latest value when called.
 */
const TestItem = memo(function TestItem(props: {
  test: DraftTest;
  index: number;
  count: number;
  duplicate: boolean;
  listKey: number;
  listId: string;
  listName: string;
  targets: readonly Target[];
  errorText: string;
  actions: ListActions;
}) {
  const t = useSectionT();
  const { test, index, actions } = props;
  const list = refOf(props.listKey);
  const id = (part: string) => `${props.listId}-t${index}-${part}`;
  const [nameErrors, inputErrors, answerErrors] = JSON.parse(props.errorText) as [string[], string[], string[]];
  const targets = props.targets.filter((target) => keyOf(target.list) !== props.listKey);
  const onChange = (next: DraftTest) => actions.edit(list, index, next);
  const [target, setTarget] = useState('');
  const nameProblem = !isPlainName(test.name) ? 'tests.nameNotPlain' : props.duplicate ? 'tests.nameDuplicate' : null;
  const nameMessages = [...(nameProblem ? [t(nameProblem)] : []), ...nameErrors];
  const label = test.name || String(index + 1);
  return (
    <fieldset className="tests-test">
      <legend>{t('tests.testLegend', { name: label })}</legend>
      <Field id={id('name')} label={t('tests.testName')} messages={nameMessages}>
        {(describedBy) => (
          <input
            id={id('name')}
            className="tests-name"
            value={test.name}
            maxLength={100}
            spellCheck={false}
            autoComplete="off"
            dir="ltr"
            aria-invalid={nameMessages.length > 0 || undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...test, name: event.target.value })}
          />
        )}
      </Field>
      <div className="tests-data">
        <TestData id={id('input')} label={t('tests.input')} testName={label} listName={props.listName} value={test.input} messages={inputErrors} onChange={(input) => onChange({ ...test, input })} />
        <TestData id={id('answer')} label={t('tests.answer')} testName={label} listName={props.listName} value={test.answer} messages={answerErrors} onChange={(answer) => onChange({ ...test, answer })} />
      </div>
      <div className="tests-actions">
        <button type="button" id={id('up')} className="small" disabled={index === 0} onClick={() => actions.move(list, index, -1)} aria-label={t('tests.moveUpLabel', { name: label, list: props.listName })}>
          {t('tests.moveUp')}
        </button>
        <button
          type="button"
          id={id('down')}
          className="small"
          disabled={index === props.count - 1}
          onClick={() => actions.move(list, index, 1)}
          aria-label={t('tests.moveDownLabel', { name: label, list: props.listName })}
        >
          {t('tests.moveDown')}
        </button>
        {targets.length > 0 && (
          <>
            <select id={id('target')} aria-label={t('tests.moveTo', { name: label, list: props.listName })} value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('tests.moveChoose')}</option>
              {targets.map((entry) => (
                <option key={keyOf(entry.list)} value={String(keyOf(entry.list))}>
                  {entry.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="small"
              disabled={target === ''}
              aria-label={t('tests.moveLabel', { name: label, list: props.listName })}
              onClick={() => {
                setTarget('');
                actions.moveTo(list, index, refOf(Number(target)));
              }}
            >
              {t('tests.move')}
            </button>
          </>
        )}
        <button type="button" className="small" onClick={() => actions.remove(list, index)} aria-label={t('tests.removeLabel', { name: label, list: props.listName })}>
          {t('tests.remove')}
        </button>
      </div>
    </fieldset>
  );
});

/**
 * An input or answer: a monospace textarea, or for long data (past 4 KB or
 * 40 lines) its first lines and size with an Edit toggle, so megabytes are
 * not put into a textarea unless asked for.
 */
function TestData(props: { id: string; label: string; testName: string; listName: string; value: string; messages: string[]; onChange: (value: string) => void }) {
  const t = useSectionT();
  const long = isLong(props.value);
  const [editing, setEditing] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (editing && opened.current) areaRef.current?.focus();
    opened.current = false;
  }, [editing]);
  const crlf = props.value.includes('\r\n');
  const showArea = !long || editing;
  const shown = long && !editing ? preview(props.value) : null;
  return (
    <Field id={props.id} label={props.label} messages={[...props.messages, ...(crlf && showArea ? [t('tests.crlfNote')] : [])]} polite={crlf && props.messages.length === 0} control={showArea}>
      {(describedBy) => (
        <>
          {showArea ? (
            <textarea
              id={props.id}
              ref={areaRef}
              className="tests-text"
              value={props.value}
              rows={Math.min(12, Math.max(3, props.value.split('\n', 13).length))}
              spellCheck={false}
              autoComplete="off"
              dir="ltr"
              wrap="off"
              aria-describedby={describedBy}
              aria-invalid={props.messages.length > 0 || undefined}
              onChange={(event) => props.onChange(event.target.value)}
            />
          ) : (
            <pre id={props.id} className="tests-preview" dir="ltr">
              {shown?.text}
              {shown?.more ? '\n…' : ''}
            </pre>
          )}
          {long && (
            <p className="tests-size">
              <span>{t('tests.size', { size: formatBytes(utf8Bytes(props.value)), lines: countLines(props.value) })}</span>{' '}
              <button
                type="button"
                ref={toggleRef}
                className="small"
                aria-expanded={editing}
                aria-label={editing ? undefined : t('tests.editLabel', { field: props.label.toLowerCase(), name: props.testName, list: props.listName })}
                onClick={() => {
                  opened.current = !editing;
                  setEditing(!editing);
                }}
              >
                {editing ? t('tests.hide') : t('tests.edit')}
              </button>
            </p>
          )}
        </>
      )}
    </Field>
  );
}

function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

/** A group's id and points, with the problems of each beside it; points as typed until they are a whole number in bounds. */
function GroupFields(props: { base: string; groups: readonly DraftGroup[]; index: number; errors: Errors; onChange: (group: DraftGroup) => void }) {
  const t = useSectionT();
  const group = props.groups[props.index] as DraftGroup;
  const [pointsText, setPointsText] = useState(String(group.points));
  // Points set from outside (undo, another device): show them.
  useEffect(() => {
    setPointsText((typed) => (parsePoints(typed) === group.points ? typed : String(group.points)));
  }, [group.points]);
  const idProblem = groupIdProblem(props.groups, props.index, group.id);
  const idMessages = [...(idProblem ? [t(idProblem === 'duplicate' ? 'tests.idDuplicate' : 'tests.idNotSlug')] : []), ...errorsAt(props.errors, ['groups', props.index, 'id'])];
  const pointsMessages = [...(parsePoints(pointsText) === null ? [t('tests.pointsProblem')] : []), ...errorsAt(props.errors, ['groups', props.index, 'points'])];
  return (
    <div className="tests-group-fields">
      <Field id={`${props.base}-id`} label={t('tests.groupId')} hint={t('tests.groupIdHint')} messages={idMessages}>
        {(describedBy) => (
          <input
            id={`${props.base}-id`}
            value={group.id}
            maxLength={64}
            spellCheck={false}
            autoComplete="off"
            dir="ltr"
            aria-invalid={idMessages.length > 0 || undefined}
            aria-describedby={describedBy}
            onChange={(event) => props.onChange({ ...group, id: event.target.value })}
          />
        )}
      </Field>
      <Field id={`${props.base}-points`} label={t('tests.points')} messages={pointsMessages}>
        {(describedBy) => (
          <input
            id={`${props.base}-points`}
            value={pointsText}
            inputMode="numeric"
            size={6}
            autoComplete="off"
            aria-invalid={pointsMessages.length > 0 || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setPointsText(event.target.value);
              const points = parsePoints(event.target.value);
              if (points !== null && points !== group.points) props.onChange({ ...group, points });
            }}
          />
        )}
      </Field>
    </div>
  );
}

