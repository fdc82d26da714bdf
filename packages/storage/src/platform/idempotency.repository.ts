// Idempotency keys (docs/idempotency.md, migration 0042): claimed inside the request's writing
// transaction, answered from after the request, removed 24 hours on.
import { createExistenceCheck, createFirstRowQuery, type Queryable } from './queryable';
import { IdempotencyKeyTaken, type IdempotencyClaim } from './idempotency-claim';

export interface IdempotencyRecord {
  requestHash: Buffer;
  requestId: string;
  createdAt: Date;
  responseStatus: number | null;
  responseContentType: string | null;
  /** Sealed by the server (its field key). */
  responseBody: Buffer | null;
}

export interface StoredResponse {
  status: number;
  contentType: string | null;
  /** Sealed by the server (its field key). */
  body: Buffer;
}

/** Expired rows removed per claim, a few at a time, so cleaning never makes a request wait. */
const expiredRowsPerClaim = 20;

/** The account's unexpired record of the key, if any (rows expired by `now` are as good as gone). */
export const findIdempotencyRecord = createFirstRowQuery<
  IdempotencyRecord,
  [municipalityId: string, accountId: string, key: string, now: Date]
>(
  `SELECT request_hash AS "requestHash", request_id AS "requestId", created_at AS "createdAt",
          response_status AS "responseStatus", response_content_type AS "responseContentType",
          response_body AS "responseBody"
     FROM idempotency_key
    WHERE municipality_id = $1 AND account_id = $2 AND key = $3 AND expires_at > $4`,
);

/**
 * Claims the key inside the caller's transaction (`client` has begun it): refuses at once while
 * another transaction holds the same key (a transaction-scoped advisory lock, so a concurrent
 * retry is told, not made to wait), takes over an expired row, and removes a few of the
 * municipality's expired rows. Throws `IdempotencyKeyTaken` when the key is not this request's.
 */
export async function claimIdempotencyKey(client: Queryable, claim: IdempotencyClaim): Promise<void> {
  const lockName = `idempotency:${claim.municipalityId}:${claim.accountId}:${claim.key}`;
  const { rows: locked } = await client.query<{ isLocked: boolean }>(
    'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS "isLocked"',
    [lockName],
  );
  if (!locked[0]?.isLocked) throw new IdempotencyKeyTaken('in-progress');
  const { rowCount } = await client.query(
    `INSERT INTO idempotency_key
       (municipality_id, account_id, key, request_hash, request_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (municipality_id, account_id, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, request_id = EXCLUDED.request_id,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
           response_status = NULL, response_content_type = NULL, response_body = NULL
       WHERE idempotency_key.expires_at <= EXCLUDED.created_at`,
    claimValues(claim),
  );
  if (rowCount !== 1) throw new IdempotencyKeyTaken('taken');
  await client.query(
    `DELETE FROM idempotency_key k
      USING (SELECT account_id, key FROM idempotency_key
              WHERE municipality_id = $1 AND expires_at <= $2
              LIMIT ${expiredRowsPerClaim} FOR UPDATE SKIP LOCKED) expired
      WHERE k.municipality_id = $1 AND k.account_id = expired.account_id AND k.key = expired.key`,
    [claim.municipalityId, claim.createdAt],
  );
}

/** Whether a request's own claim committed (asked after its connection dropped during COMMIT). */
export const hasCommittedClaim = createExistenceCheck<
  [municipalityId: string, accountId: string, key: string, requestId: string]
>(
  `SELECT 1 FROM idempotency_key
    WHERE municipality_id = $1 AND account_id = $2 AND key = $3 AND request_id = $4`,
);

/** Stores the answer sent to the request that claimed the key, for its retries to get. */
export async function storeIdempotentResponse(
  db: Queryable,
  claim: IdempotencyClaim,
  response: StoredResponse,
): Promise<void> {
  await db.query(
    `UPDATE idempotency_key
        SET response_status = $5, response_content_type = $6, response_body = $7
      WHERE municipality_id = $1 AND account_id = $2 AND key = $3 AND request_id = $4`,
    [
      claim.municipalityId,
      claim.accountId,
      claim.key,
      claim.requestId,
      response.status,
      response.contentType,
      response.body,
    ],
  );
}

/**
 * Records the key with its answer after the request, for a request whose writes took no
 * transaction of `withTransaction` (a single statement): the claim could not ride along with
 * them, so this is as exact as the write itself was. A row already there is left as it is.
 */
export async function insertAnsweredIdempotencyRecord(
  db: Queryable,
  claim: IdempotencyClaim,
  response: StoredResponse,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_key
       (municipality_id, account_id, key, request_hash, request_id, created_at, expires_at,
        response_status, response_content_type, response_body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (municipality_id, account_id, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, request_id = EXCLUDED.request_id,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
           response_status = EXCLUDED.response_status,
           response_content_type = EXCLUDED.response_content_type,
           response_body = EXCLUDED.response_body
       WHERE idempotency_key.expires_at <= EXCLUDED.created_at`,
    [...claimValues(claim), response.status, response.contentType, response.body],
  );
}

/** The claim's columns as the parameters $1–$7 of the claiming statements, in their order. */
function claimValues(claim: IdempotencyClaim): unknown[] {
  return [
    claim.municipalityId,
    claim.accountId,
    claim.key,
    claim.requestHash,
    claim.requestId,
    claim.createdAt,
    claim.expiresAt,
  ];
}
