import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateSession } from '@kodbro/server/contracts';
import { compactShortCode, normalizeShortCode, SHORT_CODE_LENGTH } from '@kodbro/server/contracts/plain';
import { candidateApi } from '../api/candidate.ts';
import { type ApiError, toApiError } from '../api/http.ts';
import { linkProps, navigate } from '../router.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { prefetchOverview } from './pages.ts';

/** `/`: the short-code entry, sized for a phone. */
export function Landing({ onSession }: { onSession: (session: CandidateSession) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [lengthHint, setLengthHint] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeShortCode(code);
    setError(null);
    if (normalized === undefined) {
      const typed = compactShortCode(code).length;
      setLengthHint(typed === SHORT_CODE_LENGTH ? t('landing.codeLetters') : t('landing.codeLength', { count: typed }));
      return;
    }
    setLengthHint(null);
    setBusy(true);
    prefetchOverview();
    try {
      onSession(await candidateApi.openSession({ code: normalized }));
      navigate('/attempt', { replace: true });
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <section className="narrow" aria-labelledby={`${inputId}-title`}>
      <h1 id={`${inputId}-title`}>{t('landing.title')}</h1>
      <p>{t('landing.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={inputId}>{t('landing.codeLabel')}</label>
        <input
          id={inputId}
          className="code-input"
          dir="ltr"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={lengthHint !== null}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={32}
          placeholder="ABCD 2345"
        />
        <p id={hintId} className="hint">
          {lengthHint ?? t('landing.codeHint')}
        </p>
        <ErrorAlert error={error} />
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? t('common.loading') : t('landing.continue')}
        </button>
      </form>
      <p className="staff-link">
        <a {...linkProps('/staff/login')}>{t('landing.staffLink')}</a>
      </p>
    </section>
  );
}
