// The single-use links mailed to people without an account (a consent request's, a locksmith's
// arrival, a relative's invitation): only each random token's SHA-256 is stored, so a link is
// found by that hash alone, before its municipality is known.
import type pg from 'pg';
import { type Queryable, selectFirstRow } from './queryable';

/** Finds a link's row by its token's hash; with `isLocking`, locks what using the link changes. */
export type LinkFinder<R> = (db: Queryable, tokenHash: Buffer, isLocking?: boolean) => Promise<R | undefined>;

/**
 * The finder of the row one statement answers for a link's token hash (its `$1`); `lockClause`
 * (`FOR UPDATE OF …`) ends the statement when the caller is about to use the link.
 */
export function createLinkFinder<R extends pg.QueryResultRow>(
  sql: string,
  lockClause: string,
): LinkFinder<R> {
  const lockingSql = `${sql}\n${lockClause}`;
  return (db, tokenHash, isLocking = false) =>
    selectFirstRow<R>(db, isLocking ? lockingSql : sql, [tokenHash]);
}
