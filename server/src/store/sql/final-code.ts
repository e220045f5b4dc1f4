import type { LanguageId } from '../../contracts/index.ts';
import type { AttemptId, OrgId } from '../ids.ts';
import type { FinalSubmission } from '../store.ts';
import type { Sql } from './db.ts';

interface FinalRow {
  id: string;
  attempt_id: string;
  invite_id: string;
  challenge_version_id: string;
  language: string;
  source: string;
}

/**
 * Each attempt's last `submit` submission per challenge version of an
 * assessment (samples and custom runs are not final code), in attempt order:
 * what similarity compares. `sourceChars` cuts each source (0: none at all,
 * for a cache check that needs only the ids).
 */
export async function listFinalSubmissions(sql: Sql, orgId: OrgId, assessmentId: string, sourceChars: number): Promise<FinalSubmission[]> {
  const rows = await sql.all<FinalRow>(
    `SELECT s.id, s.attempt_id, a.invite_id, s.challenge_version_id, s.language, substr(s.source, 1, CAST(? AS INTEGER)) AS source
       FROM attempts a
       JOIN submissions s ON s.org_id = a.org_id AND s.attempt_id = a.id
      WHERE a.org_id = ? AND a.assessment_id = ? AND s.kind = 'submit'
        AND s.queue_seq = (SELECT MAX(t.queue_seq) FROM submissions t
                            WHERE t.attempt_id = s.attempt_id AND t.challenge_version_id = s.challenge_version_id AND t.kind = 'submit')
      ORDER BY a.started_at, a.id, s.challenge_version_id`,
    Math.max(0, sourceChars),
    orgId,
    assessmentId,
  );
  return rows.map((r) => ({
    submissionId: r.id,
    attemptId: r.attempt_id as AttemptId,
    inviteId: r.invite_id,
    challengeVersionId: r.challenge_version_id,
    language: r.language as LanguageId,
    source: r.source,
  }));
}
