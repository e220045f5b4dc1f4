import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptEventView } from '@kodbro/server/contracts';
import { CodeView } from '../../editor/index.ts';
import { formatDateTime } from '../format.ts';
import { changedLines, LARGE_INSERT_CHARS, readReplay, textsOf, type ReplayTrack } from './replay-model.ts';

interface Props {
  events: readonly AttemptEventView[];
  startedAt: string;
  titleOf: (challengeVersionId: string) => string;
}

const SPEEDS = [1, 2, 4, 8, 16] as const;
/** A pause between two saves plays for at most this long (at 1×): minutes of thinking need not be watched. */
const MAX_PAUSE_MS = 3000;

/**
 * Plays how the candidate's code was written, from the draft history: play,
 * pause, a slider to scrub, speeds; pastes and large insertions marked, and
 * the connection drops with their length. Texts are rebuilt on demand, one
 * edit per step, so even a long history plays smoothly.
 */
export function Replay({ events, startedAt, titleOf }: Props) {
  const { t } = useTranslation('staff');
  const ids = { track: useId(), position: useId(), speed: useId() };
  const replay = useMemo(() => readReplay(events), [events]);
  const [trackKey, setTrackKey] = useState<string | undefined>(undefined);
  const track = replay.tracks.find((candidate) => candidate.key === trackKey) ?? replay.tracks[0];
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(4);
  const texts = useMemo(() => (track ? textsOf(track) : undefined), [track]);
  const start = Date.parse(startedAt);

  const last = (track?.frames.length ?? 1) - 1;
  const frame = track?.frames[Math.min(index, last)];
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!playing || !track) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const gap = (track.frames[index + 1]?.at ?? 0) - (track.frames[index]?.at ?? 0);
    timer.current = setTimeout(() => setIndex((i) => i + 1), Math.min(Math.max(gap, 0), MAX_PAUSE_MS * speed) / speed);
    return () => clearTimeout(timer.current);
  }, [playing, index, last, speed, track]);

  if (!track || !frame || !texts) {
    return (
      <section aria-labelledby={ids.track}>
        <h2 id={ids.track}>{t('report.replay')}</h2>
        <p>{t('report.noReplay')}</p>
      </section>
    );
  }
  const text = texts(Math.min(index, last));
  const marked = text !== null && 'edit' in frame.change ? changedLines(text, frame.change.edit) : undefined;
  const elapsed = formatElapsed(frame.at - start);
  const moments = marksOf(track);

  return (
    <section className="replay" aria-labelledby={`${ids.track}-h`}>
      <h2 id={`${ids.track}-h`}>{t('report.replay')}</h2>
      <p>{t('report.replayIntro')}</p>
      {replay.tracks.length > 1 && (
        <p>
          <label htmlFor={ids.track}>{t('report.track')}</label>{' '}
          <select
            id={ids.track}
            value={track.key}
            onChange={(event) => {
              setTrackKey(event.target.value);
              setIndex(0);
              setPlaying(false);
            }}
          >
            {replay.tracks.map((option) => (
              <option key={option.key} value={option.key}>
                {titleOf(option.challengeVersionId)} · {option.language}
              </option>
            ))}
          </select>
        </p>
      )}
      <div className="replay-controls">
        <button type="button" onClick={() => (index >= last ? (setIndex(0), setPlaying(true)) : setPlaying(!playing))} aria-pressed={playing}>
          {playing ? t('report.pause') : t('report.play')}
        </button>
        <label htmlFor={ids.position}>{t('report.position')}</label>
        <input
          id={ids.position}
          type="range"
          min={0}
          max={last}
          value={Math.min(index, last)}
          aria-valuetext={t('report.positionText', { n: index + 1, total: last + 1, time: elapsed })}
          onChange={(event) => {
            setPlaying(false);
            setIndex(Number(event.target.value));
          }}
        />
        <label htmlFor={ids.speed}>{t('report.speed')}</label>
        <select id={ids.speed} value={speed} onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}>
          {SPEEDS.map((option) => (
            <option key={option} value={option}>
              {t('report.speedValue', { speed: option })}
            </option>
          ))}
        </select>
      </div>
      <p className="replay-position" aria-live={playing ? 'off' : 'polite'}>
        {t('report.positionText', { n: index + 1, total: last + 1, time: elapsed })}
        {frame.pasted > 0 && <strong className="replay-flag"> · {t('report.pasted', { count: frame.pasted })}</strong>}
        {frame.pasted === 0 && frame.inserted >= LARGE_INSERT_CHARS && index > 0 && (
          <strong className="replay-flag"> · {t('report.inserted', { count: frame.inserted })}</strong>
        )}
      </p>
      {text === null ? (
        <p className="hint">{t('report.broken')}</p>
      ) : (
        <CodeView source={text} language={track.language} label={t('report.replayCode')} marked={marked} />
      )}

      <h3>{t('report.marks')}</h3>
      {moments.length === 0 && replay.drops.length === 0 && <p>{t('report.noMarks')}</p>}
      {moments.length > 0 && (
        <ul>
          {moments.map((moment) => (
            <li key={moment.index}>
              <button
                type="button"
                onClick={() => {
                  setPlaying(false);
                  setIndex(moment.index);
                }}
              >
                {t('report.goTo', { n: moment.index + 1 })}
              </button>{' '}
              {moment.pasted > 0 ? t('report.pasted', { count: moment.pasted }) : t('report.inserted', { count: moment.inserted })} ·{' '}
              {formatElapsed(track.frames[moment.index]!.at - start)}
            </li>
          ))}
        </ul>
      )}
      {replay.drops.length > 0 && (
        <>
          <ul>
            {replay.drops.map((drop) => (
              <li key={drop.from}>
                {drop.to === null
                  ? t('report.dropOpen', { at: formatDateTime(new Date(drop.from).toISOString()) })
                  : t('report.drop', { at: formatDateTime(new Date(drop.from).toISOString()), length: formatElapsed(drop.to - drop.from) })}
              </li>
            ))}
          </ul>
          <p className="hint">{t('report.noCredit')}</p>
        </>
      )}
      {replay.cappedAt !== null && <p className="hint">{t('report.capped', { at: formatDateTime(new Date(replay.cappedAt).toISOString()) })}</p>}
      <p className="hint">{t('report.evidence')}</p>
    </section>
  );
}

/** The saves worth a look: a reported paste, or a large insertion in one save (not the first, which may be the starter). */
function marksOf(track: ReplayTrack): { index: number; pasted: number; inserted: number }[] {
  return track.frames.flatMap((frame, index) =>
    frame.pasted > 0 || (index > 0 && frame.inserted >= LARGE_INSERT_CHARS) ? [{ index, pasted: frame.pasted, inserted: frame.inserted }] : [],
  );
}

/** "12:05" (minutes and seconds), or "1:02:05" past an hour. */
function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
