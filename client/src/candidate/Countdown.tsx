import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatsFor } from '../i18n/index.ts';

const ANNOUNCE_AT_MINUTES = [15, 5, 1];

/**
 * Time left, from a deadline on this device's clock that the server's
 * `timer` events keep correcting. Display only: the server closes the
 * attempt. When it reaches zero, `onElapsed` asks the server what happened.
 */
export function Countdown({ deadline, onElapsed }: { deadline: number; onElapsed: () => void }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, deadline - now);
  const minutesLeft = Math.ceil(remaining / 60_000);
  const [announced, setAnnounced] = useState<number | null>(null);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const elapsed = remaining === 0;
  const onElapsedRef = useRef(onElapsed);
  useEffect(() => {
    onElapsedRef.current = onElapsed;
  }, [onElapsed]);
  useEffect(() => {
    if (!elapsed) return;
    // A moment's grace: the server's own close and its event usually arrive first.
    // Keyed on "reached zero", not on every tick, so it asks once per deadline.
    const ask = setTimeout(() => onElapsedRef.current(), 5000);
    return () => clearTimeout(ask);
  }, [deadline, elapsed]);

  useEffect(() => {
    // Tell screen-reader users at a few thresholds, not every second.
    if (ANNOUNCE_AT_MINUTES.includes(minutesLeft) && announced !== minutesLeft) setAnnounced(minutesLeft);
  }, [minutesLeft, announced]);

  const low = remaining < 5 * 60_000;
  return (
    <div className={low ? 'countdown low' : 'countdown'}>
      <span className="countdown-label">{t('attempt.timeLeft')}</span>{' '}
      <span role="timer" className="countdown-value" dir="ltr">
        {remaining > 0 ? formatsFor(i18n.language).countdown(remaining) : t('attempt.timeUp')}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {remaining === 0 ? t('attempt.timeUp') : announced !== null ? t('attempt.minutesLeft', { count: announced }) : ''}
      </span>
    </div>
  );
}
