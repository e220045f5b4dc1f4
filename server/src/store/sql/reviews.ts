import { KodbroError } from '../../errors.ts';
import type { LanguageId } from '../../contracts/index.ts';
import { asAttemptId, type AttemptId, type OrgId } from '../ids.ts';
import { NOTE_MAX_CHARS, type CandidateReview, type ReviewActor, type ReviewInput, type SubmitScore } from '../reviews.ts';
import { jsonText, type Sql } from './db.ts';

interface ReviewRow {
  invite_id: string;
  note: string | null;
  rating: number | null;
  shortlisted: number | null;
  updated_by_name: string | null;
  updated_at: number | null;
  revealed_by_name: string | null;
  revealed_at: number | null;
}

// From invites, so an invite with a reveal and no review (or the reverse) gives one row.
const REVIEW_SELECT = `SELECT i.id AS invite_id, r.note, r.rating, r.shortlisted, r.updated_by_name, r.updated_at, v.revealed_by_name, v.revealed_at
  FROM invites i
  LEFT JOIN candidate_reviews r ON r.invite_id = i.id AND r.org_id = i.org_id
  LEFT JOIN candidate_reveals v ON v.invite_id = i.id AND v.org_id = i.org_id`;

const toReview = (row: ReviewRow): CandidateReview => ({
  inviteId: row.invite_id,
  note: row.note ?? '',
  rating: row.rating,
  shortlisted: row.shortlisted === 1,
  updatedByName: row.updated_by_name,
  updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
  revealedByName: row.revealed_by_name,
  revealedAt: row.revealed_at === null ? null : new Date(row.revealed_at),
});

/** Every invite of the assessment that has a review or a reveal, by invite id. */
export async function listCandidateReviews(sql: Sql, orgId: OrgId, assessmentId: string): Promise<Map<string, CandidateReview>> {
  const rows = await sql.all<ReviewRow>(
    `${REVIEW_SELECT} WHERE i.assessment_id = ? AND i.org_id = ? AND (r.invite_id IS NOT NULL OR v.invite_id IS NOT NULL)`,
    assessmentId,
    orgId,
  );
  return new Map(rows.map((row) => [row.invite_id, toReview(row)]));
}

/** The invite's review (empty when none); undefined when the organisation has no such invite. */
export async function getCandidateReview(sql: Sql, orgId: OrgId, inviteId: string): Promise<CandidateReview | undefined> {
  const row = await sql.get<ReviewRow>(`${REVIEW_SELECT} WHERE i.id = ? AND i.org_id = ?`, inviteId, orgId);
  return row && toReview(row);
}

function checkReview(input: ReviewInput): void {
  if (input.note.length > NOTE_MAX_CHARS) throw new KodbroError('invalid_argument', `A note is at most ${NOTE_MAX_CHARS} characters`);
  if (input.rating !== null && !(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 5)) {
    throw new KodbroError('invalid_argument', 'A rating is a whole number from 1 to 5');
  }
}

export async function saveCandidateReview(sql: Sql, orgId: OrgId, inviteId: string, input: ReviewInput, actor: ReviewActor): Promise<CandidateReview | undefined> {
  checkReview(input);
  return sql.write(async () => {
    if (!(await sql.get('SELECT 1 FROM invites WHERE id = ? AND org_id = ?', inviteId, orgId))) return undefined;
    await sql.run(
      `INSERT INTO candidate_reviews (org_id, invite_id, note, rating, shortlisted, updated_by, updated_by_name, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, invite_id) DO UPDATE SET note = excluded.note, rating = excluded.rating, shortlisted = excluded.shortlisted,
         updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at`,
      orgId,
      inviteId,
      input.note,
      input.rating,
      input.shortlisted ? 1 : 0,
      actor.staffUserId,
      actor.staffName,
      sql.nowMs(),
    );
    return getCandidateReview(sql, orgId, inviteId);
  });
}

/** Records the first reveal (later ones change nothing); undefined when the organisation has no such invite. */
export async function revealCandidate(sql: Sql, orgId: OrgId, inviteId: string, actor: ReviewActor): Promise<CandidateReview | undefined> {
  return sql.write(async () => {
    if (!(await sql.get('SELECT 1 FROM invites WHERE id = ? AND org_id = ?', inviteId, orgId))) return undefined;
    await sql.run(
      `INSERT INTO candidate_reveals (org_id, invite_id, revealed_by, revealed_by_name, revealed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org_id, invite_id) DO NOTHING`,
      orgId,
      inviteId,
      actor.staffUserId,
      actor.staffName,
      sql.nowMs(),
    );
    return getCandidateReview(sql, orgId, inviteId);
  });
}

/**
 * The invite's place in its assessment (1, 2, 3… by creation), the stable
 * "Candidate 7" of anonymous review; undefined when there is no such invite.
 */
export async function candidateNumber(sql: Sql, orgId: OrgId, inviteId: string): Promise<number | undefined> {
  const row = await sql.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM invites o JOIN invites i ON i.assessment_id = o.assessment_id AND i.org_id = o.org_id
      WHERE o.id = ? AND o.org_id = ? AND (i.created_at < o.created_at OR (i.created_at = o.created_at AND i.id <= o.id))`,
    inviteId,
    orgId,
  );
  return row && row.n > 0 ? row.n : undefined;
}

/**
 * Every `submit` of the assessment's attempts with its judged score, in one
 * query and without sources or results (the score is read inside the JSON
 * by jsonText: json_extract on SQLite, `result::jsonb ->> 'score'` on
 * PostgreSQL). The score counts only once the run is done.
 * With `attemptId`, only that attempt's (one live row).
 */
export async function listSubmitScores(sql: Sql, orgId: OrgId, assessmentId: string, attemptId?: AttemptId): Promise<SubmitScore[]> {
  const columns = `SELECT s.attempt_id, s.challenge_version_id, s.language,
            CASE WHEN s.status = 'done' THEN ${jsonText(sql, 's.result', 'score')} END AS score
       FROM attempts a JOIN submissions s ON s.attempt_id = a.id AND s.org_id = a.org_id
      WHERE a.assessment_id = ? AND a.org_id = ? AND s.kind = 'submit'`;
  type Row = { attempt_id: string; challenge_version_id: string; language: string; score: number | string | null };
  const rows =
    attemptId === undefined
      ? await sql.all<Row>(`${columns} ORDER BY s.queue_seq`, assessmentId, orgId)
      : await sql.all<Row>(`${columns} AND a.id = ? ORDER BY s.queue_seq`, assessmentId, orgId, attemptId);
  return rows.map((row) => {
    // SQLite's json_extract gives a JSON number as a number, PostgreSQL's ->> as its text.
    const score = typeof row.score === 'string' && /^-?\d+$/.test(row.score) ? Number(row.score) : row.score;
    return {
      attemptId: asAttemptId(row.attempt_id),
      challengeVersionId: row.challenge_version_id,
      language: row.language as LanguageId,
      score: typeof score === 'number' && Number.isInteger(score) ? score : undefined,
    };
  });
}
