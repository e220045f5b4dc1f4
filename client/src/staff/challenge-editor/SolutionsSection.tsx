import { useId, useLayoutEffect, useRef, useState, type JSX } from 'react';
import { LANGUAGE_IDS, type ChallengeDraft, type LanguageId } from '@kodbro/server/contracts';
import { LANGUAGE_NAMES } from '../../candidate/contract-view.ts';
import { Editor } from '../../editor/index.ts';
import { errorsAt, unplacedErrors, type FieldPath } from './section-errors.ts';
import { DropZone, Field, FieldErrors, UnplacedErrors } from './section-parts.tsx';
import { useSectionT } from './section-t.ts';
import {
  EXPECTED_VERDICTS,
  LANGUAGE_EXTENSIONS,
  languageOfFile,
  MAX_SOLUTIONS,
  MAX_SOURCE_BYTES,
  newSolutionName,
  solutionNameProblem,
  solutionsFromFiles,
  withLanguage,
  type DraftSolution,
  type ExpectedVerdict,
  type SolutionFile,
} from './solution-files.ts';
import { formatBytes, utf8Bytes } from './test-files.ts';
import { solutionUploadSummary } from './upload-words.ts';
import './tests.css';

/** Every extension a solution file may have, for the file picker. */
const ACCEPT = Object.values(LANGUAGE_EXTENSIONS).flat().join(',');

/**
 * The draft's reference and known-wrong solutions: a file name (its
 * extension gives the language; the language select sets it), the verdict
 * each is expected to get, in words, and its source in the candidates' code
 * editor, opened one at a time (Monaco for twenty files would be heavy).
 */
export function SolutionsSection(props: {
  solutions: ChallengeDraft['solutions'];
  languages: ChallengeDraft['languages'];
  onChange: (next: ChallengeDraft['solutions']) => void;
  errors?: readonly { path: (string | number)[]; message: string }[];
}): JSX.Element {
  const t = useSectionT();
  const base = useId();
  const [news, setNews] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const focusNext = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.getElementById(id)?.focus();
  });
  const { solutions } = props;
  // The challenge's own languages first: a reference usually is in one of them.
  const offered = props.languages.length > 0 ? props.languages : LANGUAGE_IDS;
  const languages = [...offered, ...LANGUAGE_IDS.filter((id) => !offered.includes(id))];
  const full = solutions.length >= MAX_SOLUTIONS;

  const change = (next: DraftSolution[], message: string, focus?: string) => {
    focusNext.current = focus ?? null;
    setNews(message);
    props.onChange(next);
  };
  const edit = (index: number, solution: DraftSolution) => props.onChange(solutions.map((entry, at) => (at === index ? solution : entry)));
  const add = () => {
    const solution: DraftSolution = { name: newSolutionName(solutions, languages[0] ?? 'python'), source: '', expect: 'accepted' };
    change([...solutions, solution], t('solutions.news.added', { name: solution.name }), `${base}-${solutions.length}-name`);
  };
  const remove = (index: number) => {
    const next = solutions.filter((_, at) => at !== index);
    if (open !== null) setOpen(open === index ? null : open > index ? open - 1 : open);
    change(next, t('solutions.news.removed', { name: solutions[index]?.name }), next.length === 0 ? `${base}-add` : `${base}-${Math.min(index, next.length - 1)}-name`);
  };
  const upload = async (files: File[]) => {
    try {
      // One at a time, and only what could be added: sources of a known language, within the size, while there is room.
      let room = MAX_SOLUTIONS - solutions.length;
      const read: SolutionFile[] = [];
      for (const file of files) {
        const wanted = room > 0 && file.size <= MAX_SOURCE_BYTES && languageOfFile(file.name) !== null;
        if (wanted) room -= 1;
        read.push(wanted ? { name: file.name, size: file.size, text: await file.text() } : { name: file.name, size: file.size });
      }
      const { added, problems } = solutionsFromFiles(read, solutions);
      const summary = solutionUploadSummary(t, added.length, problems);
      if (added.length === 0) setNews(summary);
      else change([...solutions, ...added], summary);
    } catch (caught) {
      setNews(t('solutions.upload.failed', { reason: caught instanceof Error ? caught.message : String(caught) }));
    }
  };

  const shown: FieldPath[] = [[], ...solutions.flatMap((_, index) => [[index], [index, 'name'], [index, 'source'], [index, 'expect']])];
  return (
    <section className="solutions-section" aria-labelledby={`${base}-heading`}>
      <h2 id={`${base}-heading`}>{t('solutions.heading')}</h2>
      <p className="hint">{t('solutions.intro')}</p>
      <p className="tests-news" role="status" aria-live="polite" aria-atomic="true">
        {news}
      </p>
      <UnplacedErrors title={t('solutions.otherErrors')} errors={unplacedErrors(props.errors, shown)} />
      <FieldErrors messages={errorsAt(props.errors, [])} />
      {solutions.length === 0 && <p>{t('solutions.none')}</p>}
      <ol className="solutions-list">
        {solutions.map((solution, index) => (
          <li key={index}>
            <SolutionItem
              id={`${base}-${index}`}
              solution={solution}
              index={index}
              solutions={solutions}
              languages={languages}
              offered={offered}
              errors={props.errors}
              open={open === index}
              onToggle={() => setOpen(open === index ? null : index)}
              onChange={(next) => edit(index, next)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <div className="tests-actions">
        <button type="button" id={`${base}-add`} onClick={add} disabled={full}>
          {t('solutions.add')}
        </button>
        {full && <span className="hint">{t('solutions.full', { max: MAX_SOLUTIONS })}</span>}
      </div>
      <DropZone id={`${base}-upload`} label={t('solutions.upload.label')} zone={t('solutions.upload.zone')} hint={t('solutions.upload.hint')} accept={ACCEPT} onFiles={(files) => void upload(files)} />
    </section>
  );
}

function SolutionItem(props: {
  id: string;
  solution: DraftSolution;
  index: number;
  solutions: readonly DraftSolution[];
  languages: readonly LanguageId[];
  offered: readonly LanguageId[];
  errors: readonly { path: (string | number)[]; message: string }[] | undefined;
  open: boolean;
  onToggle: () => void;
  onChange: (solution: DraftSolution) => void;
  onRemove: () => void;
}) {
  const t = useSectionT();
  const { solution, index, id } = props;
  const language = languageOfFile(solution.name);
  const problem = solutionNameProblem(props.solutions, index, solution.name);
  const problemKey = { not_plain: 'solutions.nameNotPlain', no_language: 'solutions.nameNoLanguage', duplicate: 'solutions.nameDuplicate' } as const;
  const nameMessages = [...(problem ? [t(problemKey[problem])] : []), ...errorsAt(props.errors, [index, 'name'])];
  const expectMessages = errorsAt(props.errors, [index, 'expect']);
  const sourceMessages = errorsAt(props.errors, [index, 'source']);
  const label = solution.name || String(index + 1);
  const languageLabel = (lang: LanguageId) => (props.offered.includes(lang) ? LANGUAGE_NAMES[lang] : t('solutions.notAllowed', { language: LANGUAGE_NAMES[lang] }));
  return (
    <fieldset className="solutions-item">
      <legend>{t('solutions.legend', { name: label })}</legend>
      <div className="solutions-fields">
        <Field id={`${id}-name`} label={t('solutions.name')} hint={t('solutions.nameHint')} messages={nameMessages}>
          {(describedBy) => (
            <input
              id={`${id}-name`}
              value={solution.name}
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              dir="ltr"
              aria-invalid={nameMessages.length > 0 || undefined}
              aria-describedby={describedBy}
              onChange={(event) => props.onChange({ ...solution, name: event.target.value })}
            />
          )}
        </Field>
        <Field id={`${id}-language`} label={t('solutions.language')} messages={[]}>
          {() => (
            <select id={`${id}-language`} value={language ?? ''} onChange={(event) => props.onChange({ ...solution, name: withLanguage(solution.name, event.target.value as LanguageId) })}>
              {language === null && <option value="">{t('solutions.languageUnknown')}</option>}
              {props.languages.map((lang) => (
                <option key={lang} value={lang}>
                  {languageLabel(lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-expect`} label={t('solutions.expect')} messages={expectMessages}>
          {(describedBy) => (
            <select
              id={`${id}-expect`}
              value={solution.expect}
              aria-describedby={describedBy}
              aria-invalid={expectMessages.length > 0 || undefined}
              onChange={(event) => props.onChange({ ...solution, expect: event.target.value as ExpectedVerdict })}
            >
              {EXPECTED_VERDICTS.map((verdict) => (
                <option key={verdict} value={verdict}>
                  {t(`solutions.verdict.${verdict}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="tests-size">
        <span>{t('solutions.sourceSize', { size: formatBytes(utf8Bytes(solution.source)), lines: solution.source === '' ? 0 : solution.source.replace(/\n$/, '').split('\n').length })}</span>
      </p>
      {sourceMessages.length > 0 && <FieldErrors messages={sourceMessages} />}
      {props.open && (
        <div className="solutions-source">
          <Editor value={solution.source} onChange={(source) => props.onChange({ ...solution, source })} language={language ?? 'python'} label={t('solutions.source', { name: label })} />
        </div>
      )}
      <div className="tests-actions">
        <button type="button" className="small" aria-expanded={props.open} onClick={props.onToggle} aria-label={props.open ? undefined : t('solutions.editSourceLabel', { name: label })}>
          {props.open ? t('solutions.hideSource') : t('solutions.editSource')}
        </button>
        <button type="button" className="small" onClick={props.onRemove} aria-label={t('solutions.removeLabel', { name: label })}>
          {t('solutions.remove')}
        </button>
      </div>
    </fieldset>
  );
}

