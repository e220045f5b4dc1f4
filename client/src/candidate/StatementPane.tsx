import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateChallenge } from '@kodbro/server/contracts';
import { candidateApi } from '../api/candidate.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { signatureText } from './signature-text.ts';
import { Statement } from './Statement.tsx';

const RTL = new Set(['ar', 'prs', 'fa']);

interface PaneProps {
  role?: string;
  id?: string;
  'aria-labelledby'?: string;
  hidden?: boolean;
}

/**
 * The statement in the reader's interface language when the package has it,
 * with one button per other version; on a wide screen a second version can
 * sit beside the first (reading one's own language against the original).
 */
export function StatementPane({ challenge, ...paneProps }: { challenge: CandidateChallenge } & PaneProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const wide = useMediaQuery('(min-width: 75rem)');
  const versions = Object.keys(challenge.statements);
  const [primary, setPrimary] = useState(() => [i18n.language, 'en'].find((code) => versions.includes(code)) ?? versions[0] ?? 'en');
  const [beside, setBeside] = useState<string | null>(null);
  const second = wide && beside !== null && beside !== primary && versions.includes(beside) ? beside : null;

  const titleIn = (code: string) => challenge.title[code] ?? challenge.title.en ?? Object.values(challenge.title)[0] ?? '';
  const nameOf = (code: string) => LANGUAGES.find((entry) => entry.code === code)?.name ?? code;
  const title = titleIn(primary);

  return (
    <section className={second ? 'pane statement-pane two' : 'pane statement-pane'} aria-labelledby={paneProps.role ? paneProps['aria-labelledby'] : headingId} {...paneProps}>
      <h2 id={headingId} className="task-title" tabIndex={-1}>
        <bdi lang={primary}>{title}</bdi>
      </h2>
      {versions.length > 1 && (
        <div className="versions" role="group" aria-label={t('workspace.statementLanguage')}>
          {versions.map((code) => (
            <button key={code} type="button" className="small" lang={code} aria-pressed={code === primary} onClick={() => setPrimary(code)}>
              {nameOf(code)}
            </button>
          ))}
          {wide && (
            <button
              type="button"
              className="small quiet"
              aria-pressed={second !== null}
              onClick={() => setBeside(second ? null : (versions.find((code) => code !== primary) ?? null))}
            >
              {t('workspace.sideBySide')}
            </button>
          )}
        </div>
      )}
      <p className="hint">{t('workspace.limits', challenge.limits)}</p>
      <div className="statement-columns">
        <StatementText challenge={challenge} code={primary} title={title} />
        {second && (
          <div className="second-version">
            <p className="inline-field">
              <label htmlFor={`${headingId}-second`}>{t('workspace.secondVersion')}</label>
              <select id={`${headingId}-second`} value={second} onChange={(event) => setBeside(event.target.value)}>
                {versions
                  .filter((code) => code !== primary)
                  .map((code) => (
                    <option key={code} value={code} lang={code}>
                      {nameOf(code)}
                    </option>
                  ))}
              </select>
            </p>
            <h3 lang={second} dir={RTL.has(second) ? 'rtl' : 'ltr'}>
              {titleIn(second)}
            </h3>
            <StatementText challenge={challenge} code={second} title={titleIn(second)} />
          </div>
        )}
      </div>
      {challenge.signature && <YourFunction signature={challenge.signature} />}
      {challenge.interactive && <SampleInteractions samples={challenge.samples} />}
    </section>
  );
}

/** A function-signature challenge's function, language-neutral: the starter shows it in the chosen language. */
function YourFunction({ signature }: { signature: NonNullable<CandidateChallenge['signature']> }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="your-function" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('workspace.yourFunction')}</h3>
      <p className="hint">{t('workspace.functionHint')}</p>
      <pre className="mono" dir="ltr">
        {signatureText(signature)}
      </pre>
    </section>
  );
}

/** An interactive challenge's samples as the exchanges they are: who said what, in order. */
function SampleInteractions({ samples }: { samples: CandidateChallenge['samples'] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const shown = samples.flatMap((sample, index) => (sample.interaction ? [{ id: sample.id, number: index + 1, lines: sample.interaction.split('\n') }] : []));
  if (shown.length === 0) return null;
  return (
    <section className="interactions" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('workspace.sampleInteractions')}</h3>
      <p className="hint">{t('workspace.interactionLegend')}</p>
      {shown.map((sample) => (
        <figure key={sample.id}>
          <figcaption>{t('workspace.sampleInteraction', { number: sample.number })}</figcaption>
          <pre className="interaction" dir="ltr">
            {sample.lines.map((line, index) => (
              <span key={index} className={line.startsWith('>') ? 'writes' : line.startsWith('<') ? 'reads' : undefined}>
                {line}
                {'\n'}
              </span>
            ))}
          </pre>
        </figure>
      ))}
    </section>
  );
}

function StatementText({ challenge, code, title }: { challenge: CandidateChallenge; code: string; title: string }) {
  return (
    <div className="statement" lang={code} dir={RTL.has(code) ? 'rtl' : 'ltr'}>
      <Statement doc={challenge.statements[code] ?? { children: [] }} title={title} imageUrl={(file) => candidateApi.fileUrl(challenge.challengeVersionId, file)} />
    </div>
  );
}
