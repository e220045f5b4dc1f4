/** Store records turned into what each audience may see; pure functions, tested without I/O. */
export { toCandidateSubmission, toCandidateChallenge, toCandidateAttempt, toDraftView, attemptStatus } from './candidate.ts';
export { toStaffUserView, toChallengeSummary, toAssessmentView, toAssessmentChangeView, toInviteView, inviteLanguage, toStaffSubmission, toAttemptSummary } from './staff.ts';
