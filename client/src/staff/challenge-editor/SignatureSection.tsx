import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { functionSignatureSchema, type ChallengeDraft, type DraftChecker, type FunctionSignature } from '@kodbro/server/contracts';
import { issuesUnder, parseTolerance, type DraftChange, type DraftIssue } from './draft-model.ts';
import { FieldIssues } from './FieldIssues.tsx';

/** What a new signature starts as: a function of one list, to edit into the real one. */
const EXAMPLE: FunctionSignature = {
  name: 'solve',
  params: [{ name: 'numbers', type: { kind: 'list', of: { kind: 'int', min: -1000, max: 1000 } } }],
  returns: { kind: 'int', min: -1_000_000, max: 1_000_000 },
};

const show = (signature: FunctionSignature) => JSON.stringify(signature, null, 2);

/** The signature's JSON as typed: a draft takes it only once it parses and is a signature. */
function parseSignature(text: string): { ok: true; signature: FunctionSignature } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const parsed = functionSignatureSchema.safeParse(raw);
  if (parsed.success) return { ok: true, signature: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(signature)'}: ${issue.message}`) };
}

/**
 * Whole program or one function. A function-signature challenge's signature is
 * written as JSON (docs/package-format.md); its starters are generated in every
 * language, its tests are JSON values, and returned values are compared
 * exactly, within a float tolerance, or as a list in any order.
 */
export function SignatureSection({ draft, onChange, issues }: { draft: ChallengeDraft; onChange: (change: DraftChange) => void; issues: readonly DraftIssue[] }) {
  const { t } = useTranslation('authoring');
  const [text, setText] = useState(() => show(draft.signature ?? EXAMPLE));
  const parsed = parseSignature(text);
  const on = draft.signature !== undefined;

  const toggle = (checked: boolean) => {
    if (!checked) return onChange({ type: 'signature', signature: undefined });
    const now = parseSignature(text);
    onChange({ type: 'signature', signature: now.ok ? now.signature : EXAMPLE });
    if (!now.ok) setText(show(EXAMPLE));
  };
  const type = (next: string) => {
    setText(next);
    const now = parseSignature(next);
    if (now.ok) onChange({ type: 'signature', signature: now.signature });
  };

  return (
    <section className="editor-section" aria-labelledby="signature-heading">
      <h2 id="signature-heading">{t('signature.heading')}</h2>
      <p className="choice">
        <input id="signature-on" type="checkbox" checked={on} onChange={(event) => toggle(event.target.checked)} aria-describedby="signature-what" />
        <label htmlFor="signature-on">{t('signature.toggle')}</label>
      </p>
      <p id="signature-what" className="hint">
        {t('signature.what')}
      </p>
      {on && (
        <>
          <p className="field">
            <label htmlFor="signature-json">{t('signature.json')}</label>
            <textarea
              id="signature-json"
              className="mono"
              dir="ltr"
              rows={12}
              spellCheck={false}
              value={text}
              aria-invalid={!parsed.ok || undefined}
              aria-describedby="signature-hint signature-error"
              onChange={(event) => type(event.target.value)}
            />
          </p>
          <p id="signature-hint" className="hint">
            {t('signature.types')}
          </p>
          <div id="signature-error" className="field-error" aria-live="polite">
            {!parsed.ok && (
              <>
                <p>{t('signature.invalid')}</p>
                <ul>
                  {parsed.problems.slice(0, 5).map((problem) => (
                    <li key={problem} dir="ltr">
                      {problem}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <FieldIssues issues={issuesUnder(issues, ['signature'])} />
          <ValueComparison checker={draft.checker} onChange={(checker) => onChange({ type: 'checker', checker })} />
        </>
      )}
    </section>
  );
}

type ValueChecker = Extract<DraftChecker, { type: 'value' }>;

function ValueComparison({ checker, onChange }: { checker: DraftChecker; onChange: (checker: ValueChecker) => void }) {
  const { t } = useTranslation('authoring');
  const value: ValueChecker = checker.type === 'value' ? checker : { type: 'value' };
  const [tolerance, setTolerance] = useState(() => ({ absolute: String(value.float?.absolute ?? 1e-6), relative: String(value.float?.relative ?? 1e-6) }));
  const withFloat = (on: boolean, texts = tolerance) => {
    const { float: _old, ...rest } = value;
    const absolute = parseTolerance(texts.absolute);
    const relative = parseTolerance(texts.relative);
    // A tolerance above 1 is no tolerance for values: the schema refuses it, so the draft keeps the last good one.
    if (!on) onChange(rest);
    else if (absolute !== undefined && relative !== undefined && absolute <= 1 && relative <= 1) onChange({ ...rest, float: { absolute, relative } });
  };
  return (
    <fieldset>
      <legend>{t('signature.compare')}</legend>
      <p className="choice">
        <input id="value-float" type="checkbox" checked={value.float !== undefined} onChange={(event) => withFloat(event.target.checked)} />
        <label htmlFor="value-float">{t('signature.float')}</label>
      </p>
      {value.float !== undefined && (
        <div className="limit-fields">
          {(['absolute', 'relative'] as const).map((which) => (
            <p key={which} className="field">
              <label htmlFor={`value-${which}`}>{t(`limits.${which}`)}</label>
              <input
                id={`value-${which}`}
                inputMode="decimal"
                value={tolerance[which]}
                onChange={(event) => {
                  const texts = { ...tolerance, [which]: event.target.value };
                  setTolerance(texts);
                  withFloat(true, texts);
                }}
              />
            </p>
          ))}
        </div>
      )}
      <p className="choice">
        <input
          id="value-unordered"
          type="checkbox"
          checked={value.unordered === true}
          onChange={(event) => {
            const { unordered: _old, ...rest } = value;
            onChange(event.target.checked ? { ...rest, unordered: true } : rest);
          }}
        />
        <label htmlFor="value-unordered">{t('signature.unordered')}</label>
      </p>
    </fieldset>
  );
}
