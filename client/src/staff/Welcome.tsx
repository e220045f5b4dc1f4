import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_PASSWORD_MIN } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { peopleApi } from '../api/staff-people.ts';
import { StaffAlert } from './StaffAlert.tsx';

/**
 * `/staff/welcome/:token`: a colleague invited by the admin chooses a
 * password with the one-time link, then signs in as usual (`onDone` shows the
 * sign-in form with a note).
 */
export function Welcome({ token, onDone }: { token: string; onDone: (email: string) => void }) {
  const { t } = useTranslation('staff');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password.length < STAFF_PASSWORD_MIN) return setProblem(t('welcome.tooShort', { min: STAFF_PASSWORD_MIN }));
    if (password !== repeat) return setProblem(t('welcome.mismatch'));
    setProblem('');
    setBusy(true);
    try {
      const done = await peopleApi.welcome({ token, password });
      onDone(done.email);
    } catch (caught) {
      const apiError = toApiError(caught);
      // A used or expired link (or a mangled one) is one answer: the colleague needs a new link.
      if (apiError.code === 'not_found' || apiError.code === 'invalid_request') setProblem(t('welcome.expired'));
      else setError(apiError);
      setBusy(false);
    }
  };

  return (
    <section className="narrow" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t('welcome.title')}</h1>
      <p>{t('welcome.intro')}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <label htmlFor="welcome-password">{t('welcome.password')}</label>
        <input
          id="welcome-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={STAFF_PASSWORD_MIN}
          aria-describedby="welcome-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id="welcome-password-hint" className="hint">
          {t('welcome.passwordHint', { min: STAFF_PASSWORD_MIN })}
        </p>
        <label htmlFor="welcome-repeat">{t('welcome.repeat')}</label>
        <input id="welcome-repeat" type="password" autoComplete="new-password" required value={repeat} onChange={(event) => setRepeat(event.target.value)} />
        <div className="alert" role="alert" aria-live="assertive">
          {problem}
        </div>
        <StaffAlert error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('welcome.submit')}
        </button>
      </form>
    </section>
  );
}
