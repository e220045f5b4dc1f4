import type { Readable } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { type z } from 'zod';
import type { CandidateIdentity, StaffIdentity, StaffRole } from '../auth/index.ts';
import type { AppDeps } from './deps.ts';

export type Access = 'public' | 'staff' | 'candidate';
export type { StaffRole };
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
type AuthFor<A extends Access> = A extends 'staff' ? { staff: StaffIdentity } : A extends 'candidate' ? { candidate: CandidateIdentity } : object;

export type RouteContext<A extends Access, P, Q, B> = {
  req: Request;
  res: Response;
  deps: AppDeps;
  log: Logger;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
} & AuthFor<A>;

const REPLY = Symbol('reply');
/** A handler's answer with a status other than the route's own. */
export interface StatusReply<R> {
  [REPLY]: true;
  status: number;
  body: R;
}
export type Reply<R> = R | StatusReply<R>;

export function withStatus<R>(status: number, body: R): StatusReply<R> {
  return { [REPLY]: true, status, body };
}

export function isStatusReply(reply: unknown): reply is StatusReply<unknown> {
  return typeof reply === 'object' && reply !== null && REPLY in reply;
}

const FILE = Symbol('file');
/**
 * A handler's answer that is bytes, not JSON (statement images, package
 * exports), with the headers that go with them: in memory, or a stream the
 * app pipes to the client (and destroys if the client goes away).
 */
export interface FileReply {
  [FILE]: true;
  contentType: string;
  content: Buffer | Readable;
  headers: Record<string, string>;
}

export function fileReply(contentType: string, content: Buffer | Readable, headers: Record<string, string> = {}): FileReply {
  return { [FILE]: true, contentType, content, headers };
}

export function isFileReply(reply: unknown): reply is FileReply {
  return typeof reply === 'object' && reply !== null && FILE in reply;
}

/**
 * One API route as data: the schemas that parse its input, who may call it,
 * and the handler. The same objects register the express routes, produce the
 * OpenAPI document and drive the authorisation and fuzz tests.
 */
export interface RouteDef<A extends Access = Access, P = unknown, Q = unknown, B = unknown, R extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express style: `/api/assessments/:assessmentId`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /** Staff only: any one of these roles is enough (a list of auth's ROLES_FOR). Without it any signed-in staff user may call. */
  roles?: readonly StaffRole[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A raw upload instead of JSON: the accepted media types, and what the body
   * is (for the OpenAPI document). The body is left unread: the handler
   * streams it (upload.ts), so it can refuse before reading and stop at its cap.
   */
  raw?: { types: string[]; description: string };
  /** Refusals particular to this route, by status, for the OpenAPI document. */
  errors?: Record<number, string>;
  status: number;
  /** JSON by default; for routes that answer with bytes (a FileReply), the media types they may send. */
  produces?: string[];
  response: R;
  /** Extra middleware run before the handler (rate limits). */
  before?: (deps: AppDeps) => RequestHandler;
  handler: (ctx: RouteContext<A, P, Q, B>) => Promise<Reply<z.input<R>> | FileReply>;
}

/** Keeps the generic types of one route while collecting routes in a plain array. */
export function route<A extends Access, P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType>(
  def: RouteDef<A, P, Q, B, R>,
): RouteDef {
  return def;
}

export const isWrite = (method: Method) => method !== 'get';

/** A cookie of the request, as the string it must be (cookie-parser may give anything to an odd header). */
export function requestCookie(req: Request, name: string): string | undefined {
  const cookies: unknown = req.cookies;
  const value = typeof cookies === 'object' && cookies !== null ? (cookies as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
