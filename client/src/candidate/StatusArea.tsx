import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../offline/index.ts';
import { announce } from '../ui/Announcer.tsx';
import { errorText } from '../ui/ErrorAlert.tsx';
import type { DraftStore, SaveStatus } from './drafts.ts';

interface Props {
  store: DraftStore | undefined;
  /** Runs waiting on this device for the connection. */
  queued: number;
  connected: boolean;
  hasSocket: boolean;
}

const noSubscribe = () => () => {};

/**
 * Connection, saving and queued runs in one line of fixed height: going
 * offline changes its words, never the position of the editor below.
 * Screen readers hear only problems and recoveries (offline, back online,
 * a save that failed, two versions to choose from), never "Saving… Saved"
 * after every pause.
 */
export function StatusArea({ store, queued, connected, hasSocket }: Props) {
  const { t } = useTranslation();
  const online = useOnline();
  const status: SaveStatus = useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.status() ?? 'saved');
  const saveError = useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.lastError() ?? null);
  const conflicts = useSyncExternalStore(store?.subscribe ?? noSubscribe, () => store?.conflicts().length ?? 0);

  const link: 'online' | 'offline' | 'reconnecting' = !online ? 'offline' : hasSocket && !connected ? 'reconnecting' : 'online';
  const problem = link !== 'online' || status === 'offline' || status === 'error' || conflicts > 0;
  useProblemAnnouncements(link, status, conflicts, saveError ? errorText(t, saveError) : null);

  const saveText =
    conflicts > 0
      ? t('conflict.title')
      : {
          saved: t('save.saved'),
          pending: t('save.saving'),
          saving: t('save.saving'),
          offline: t('save.keptHere'),
          error: saveError ? errorText(t, saveError) : t('save.offline'),
        }[status];

  return (
    <div className={problem ? 'status-area problem' : 'status-area'}>
      <span className={`link link-${link}`}>{link === 'online' ? t('status.online') : link === 'offline' ? t('status.offline') : t('common.reconnecting')}</span>
      <span className={`save-status save-${status}`}>{saveText}</span>
      <span className="queued-count">{queued > 0 ? t('outbox.count', { count: queued }) : ''}</span>
    </div>
  );
}

/** Announces changes for the worse, and the return to normal after one; nothing else. */
function useProblemAnnouncements(link: string, status: SaveStatus, conflicts: number, errorMessage: string | null): void {
  const { t } = useTranslation();
  const last = useRef({ link, status, conflicts, saveTrouble: false });
  useEffect(() => {
    const before = last.current;
    const now = { link, status, conflicts, saveTrouble: before.saveTrouble };
    last.current = now;
    if (link !== before.link) {
      if (link === 'offline') announce(t('status.wentOffline'));
      else if (link === 'online' && before.link !== 'online') announce(t('status.backOnline'));
    } else if (conflicts > before.conflicts) {
      announce(t('conflict.title'));
    } else if (status === 'error' && before.status !== 'error') {
      announce(errorMessage ?? t('save.offline'));
    } else if (status === 'offline' && before.status !== 'offline') {
      announce(t('save.keptHere'));
    } else if (status === 'saved' && before.saveTrouble) {
      announce(t('save.savedAgain'));
    }
    if (status === 'error' || status === 'offline') now.saveTrouble = true;
    else if (status === 'saved') now.saveTrouble = false;
  }, [link, status, conflicts, errorMessage, t]);
}
