import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateChallenge } from '@kodbro/server/contracts';
import { explainQuestionsFor } from '@kodbro/server/contracts/plain';
import { candidateApi } from '../api/candidate.ts';

/**
 * "Explain your solution": once the candidate has submitted a challenge
 * whose author asks questions, a short written answer to each, in the
 * candidate's own words and language. Saved on request; what was saved
 * before comes back when the page is opened again.
 */
export function ExplainForm({ challenge, csrf }: { challenge: CandidateChallenge; csrf: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const asked = explainQuestionsFor(challenge.explain, i18n.language);
  const count = asked?.questions.length ?? 0;
  const [answers, setAnswers] = useState<string[]>(() => Array.from({ length: count }, () => ''));
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  useEffect(() => {
    let live = true;
    candidateApi.explanations().then(
      (list) => {
        const saved = list.explanations.find((entry) => entry.challengeVersionId === challenge.challengeVersionId);
        if (live && saved && saved.answers.length === count) setAnswers((typed) => (typed.every((answer) => answer === '') ? saved.answers : typed));
      },
      () => {}, // Offline: the form starts empty; saving says if it fails.
    );
    return () => {
      live = false;
    };
  }, [challenge.challengeVersionId, count]);

  if (!asked) return null;
  const save = () => {
    setState('saving');
    candidateApi.saveExplanation(csrf, { challengeVersionId: challenge.challengeVersionId, language: i18n.language, answers }).then(
      () => setState('saved'),
      () => setState('failed'),
    );
  };
  return (
    <section className="explain" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('explain.title')}</h4>
      <p className="hint">{t('explain.intro')}</p>
      {asked.questions.map((question, index) => (
        <p key={index} className="explain-answer">
          <label htmlFor={`${id}-${index}`} dir="auto">
            {question}
          </label>
          <textarea
            id={`${id}-${index}`}
            rows={3}
            maxLength={4000}
            dir="auto"
            value={answers[index] ?? ''}
            onChange={(event) => {
              const next = [...answers];
              next[index] = event.target.value;
              setAnswers(next);
              setState('idle');
            }}
          />
        </p>
      ))}
      <p>
        <button type="button" onClick={save} disabled={state === 'saving' || answers.every((answer) => answer.trim() === '')}>
          {t('explain.save')}
        </button>{' '}
        <span role="status">{state === 'saved' ? t('explain.saved') : ''}</span>
      </p>
      {state === 'failed' && <p role="alert">{t('explain.failed')}</p>}
    </section>
  );
}
