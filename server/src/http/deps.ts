import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { CandidateReads } from '../attempts/index.ts';
import type { OriginPolicy } from '../auth/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { ServerConfig } from '../config/index.ts';
import type { Live } from '../realtime/index.ts';
import type { ResultsKeyPair } from '../results/index.ts';
import type { Store } from '../store/index.ts';

/** What the HTTP layer needs from the composition root. */
export interface AppDeps {
  config: ServerConfig;
  /** This server's own site: the Host names it serves and the Origin it trusts. */
  origin: OriginPolicy;
  store: Store;
  catalog: Catalog;
  reads: CandidateReads;
  docker: Docker;
  /** Updated by the Docker monitor; read by /api/health and the workers. */
  dockerState: { up: boolean };
  /** The longest event-loop delay of the last 30 to 60 s, in ms; read by /api/health. */
  loopDelayMs: () => number;
  live: Live;
  clock: () => Date;
  logger: Logger;
  /** The Ed25519 key pair shared results are signed with (kept in the data directory). */
  resultsKey: ResultsKeyPair;
  /** Wakes idle workers when a job arrives (a submission, a draft's validation). */
  wakeWorkers: () => void;
}
