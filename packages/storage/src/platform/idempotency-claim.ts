// The idempotency key a request carries (docs/idempotency.md), handed from the server's route
// wrapper to the one `withTransaction` through the request's async context: the first writing
// transaction of the request claims the key inside itself, so the claim commits exactly when the
// request's writes do. Use cases need not know about keys.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface IdempotencyClaim {
  municipalityId: string;
  /** `user:<id>` or `token:<id>`. */
  accountId: string;
  key: string;
  /** sha256 of the request's method, path and body. */
  requestHash: Buffer;
  /** The server request's id: what recognises this request's own claim after a lost COMMIT. */
  requestId: string;
  /** The app's clock reading when the request came (not the database's: tests fix it). */
  createdAt: Date;
  expiresAt: Date;
  /**
   * `open` until a writing transaction inserts it (`inserted`), `committed` once that transaction
   * has, `closed` when the request is over (a later transaction in a job it started claims nothing).
   */
  state: 'open' | 'inserted' | 'committed' | 'closed';
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

/** Runs `work` (a request's handler) with `claim` for its transactions to take. */
export function runWithIdempotencyClaim<T>(claim: IdempotencyClaim, work: () => Promise<T>): Promise<T> {
  return claims.run(claim, work);
}

/** The current request's claim while no transaction has taken it yet. */
export function findOpenClaim(): IdempotencyClaim | undefined {
  const claim = claims.getStore();
  return claim?.state === 'open' ? claim : undefined;
}

/**
 * The key could not be claimed: another request holding it is still running (`in-progress`), or
 * a request with it has committed since the route looked (`taken`): answer from its row.
 */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly reason: 'in-progress' | 'taken') {
    super(`idempotency key ${reason}`);
  }
}
