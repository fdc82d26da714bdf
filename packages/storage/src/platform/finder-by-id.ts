// "Find one by id" over a repository's own list reader, so the finder and the list present rows alike.
import type { Queryable } from './queryable';

/** A reader of one municipality's rows (`$1`) that a condition picks, each presented as the list shows it. */
export type ConditionedRead<R> = (db: Queryable, condition: string, values: unknown[]) => Promise<R[]>;

/** A finder of one row of the municipality by its id, or undefined. */
export type FinderById<R> = (db: Queryable, municipalityId: string, id: string) => Promise<R | undefined>;

/** The finder of the row `condition` picks by its id (`$2`) among those `read` gives. */
export function createFinderById<R>(read: ConditionedRead<R>, condition: string): FinderById<R> {
  return async (db, municipalityId, id) => (await read(db, condition, [municipalityId, id]))[0];
}
