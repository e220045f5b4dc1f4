/**
 * Zod schemas and types shared by server and client. This folder imports
 * nothing from Node so the browser bundle can use it as it is.
 */
export * from './verdicts.ts';
export * from './judging.ts';
export * from './api.ts';
export * from './realtime.ts';
export * from './short-code.ts';
export * from './statement.ts';
export * from './scoring.ts';
