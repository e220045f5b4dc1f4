/**
 * Zod schemas and types shared by server and client. This folder imports
 * nothing from Node so the browser bundle can use it as it is. Its plain
 * values (enumerations, size caps, short codes, scoring) are in plain.ts,
 * which the candidate's page imports on its own, without zod.
 */
export * from './plain.ts';
export * from './verdicts.ts';
export * from './judging.ts';
export * from './api.ts';
export * from './draft-edit.ts';
export * from './invites.ts';
export * from './realtime.ts';
export * from './statement.ts';
export * from './assessments.ts';
export * from './library.ts';
export * from './staff.ts';
export * from './authoring.ts';
export * from './explain.ts';
export * from './similarity.ts';
export * from './dashboard.ts';
export * from './results.ts';
export * from './signature.ts';
