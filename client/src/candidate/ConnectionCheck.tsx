import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { candidateApi } from '../api/candidate.ts';
import { connectSocket } from '../api/socket.ts';
import { classifyConnection, type ConnectionQuality } from './connection.ts';

const TIMEOUT_MS = 8000;

/**
 * Before Start: one round trip to the server and one live connection, said
 * as good, slow or offline. Advice only — Start never waits for it.
 */
export function ConnectionCheck({ csrf }: { csrf: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ quality: ConnectionQuality; ms: number | null } | null>(null);

  const check = useCallback(async () => {
    setResult(null);
    const started = performance.now();
    const roundTrip = await candidateApi.health(TIMEOUT_MS).then(
      () => performance.now() - started,
      () => null,
    );
    const live = roundTrip === null ? null : await socketConnectMs(csrf);
    setResult({ quality: classifyConnection(roundTrip, live), ms: roundTrip === null ? null : Math.round(roundTrip) });
  }, [csrf]);

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

/** How long a socket.io connection takes to open (then it is closed), or null when it does not open in time. */
function socketConnectMs(csrf: string): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connectSocket(csrf);
    const done = (ms: number | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(ms);
    };
    const timer = setTimeout(() => done(null), TIMEOUT_MS);
    socket.once('connect', () => done(performance.now() - started));
    socket.once('connect_error', () => done(null));
  });
}
