import type { AttemptId, AttemptScope } from '../ids.ts';
import type { Explanation, ExplanationInput } from '../model.ts';
import { attemptScope, type Sql } from './db.ts';
import { toJson } from './rows.ts';

/** "Explain your solution" answers: one row per attempt and challenge, each save replacing the last. */

interface ExplanationRow {
  challenge_version_id: string;
  language: string;
  questions: string;
  answers: string;
  updated_at: number;
}

export async function saveExplanation(sql: Sql, attemptId: AttemptId, input: ExplanationInput): Promise<Explanation | undefined> {
  return sql.write(async () => {
    const now = sql.nowMs();
    const attempt = await sql.get<{ org_id: string }>('SELECT org_id FROM attempts WHERE id = ?', attemptId);
    if (!attempt) return undefined;
    await sql.run(
      `INSERT INTO explanations (org_id, attempt_id, challenge_version_id, language, questions, answers, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (attempt_id, challenge_version_id) DO UPDATE SET language = excluded.language, questions = excluded.questions, answers = excluded.answers, updated_at = excluded.updated_at`,
      attempt.org_id,
      attemptId,
      input.challengeVersionId,
      input.language,
      toJson(input.questions),
      toJson(input.answers),
      now,
    );
    return { ...input, updatedAt: new Date(now) };
  });
}

export async function listExplanations(sql: Sql, scope: AttemptScope): Promise<Explanation[]> {
  const { where, params } = attemptScope(scope, 'x');
  return (
    await sql.all<ExplanationRow>(`SELECT x.challenge_version_id, x.language, x.questions, x.answers, x.updated_at FROM explanations x WHERE ${where} ORDER BY x.challenge_version_id`, ...params)
  ).map((row) => ({
    challengeVersionId: row.challenge_version_id,
    language: row.language,
    questions: JSON.parse(row.questions) as string[],
    answers: JSON.parse(row.answers) as string[],
    updatedAt: new Date(Number(row.updated_at)),
  }));
}
