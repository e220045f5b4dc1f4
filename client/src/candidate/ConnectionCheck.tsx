import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { candidateApi } from '../api/candidate.ts';
import { classifyConnection, type ConnectionQuality } from './connection.ts';

const TIMEOUT_MS = 8000;

/**
 * Before Start: one round trip to the server, said as good, slow or offline
 * (connection.ts says why no live connection is opened for it). Advice only —
 * Start never waits for it.
 */
export function ConnectionCheck() {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ quality: ConnectionQuality; ms: number | null } | null>(null);

  const check = useCallback(async () => {
    setResult(null);
    const started = performance.now();
    const roundTrip = await candidateApi.health(TIMEOUT_MS).then(
      () => performance.now() - started,
      () => null,
    );
    setResult({ quality: classifyConnection(roundTrip), ms: roundTrip === null ? null : Math.round(roundTrip) });
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  return (
    <div className={`connection-check ${result ? `connection-${result.quality}` : ''}`}>
      <p role="status" aria-live="polite">
        {t('overview.connection')}{' '}
        <strong>
          {result === null ? t('overview.checking') : t(`overview.connection_${result.quality}`)}
          {result?.ms !== null && result?.ms !== undefined ? <bdi dir="ltr"> ({result.ms} ms)</bdi> : null}
        </strong>
      </p>
      {result && result.quality !== 'good' && <p className="hint">{t(`overview.connectionAdvice_${result.quality}`)}</p>}
      <button type="button" className="small quiet" onClick={() => void check()} disabled={result === null}>
        {t('overview.checkAgain')}
      </button>
    </div>
  );
}
