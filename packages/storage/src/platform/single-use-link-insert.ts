// Storing a single-use link (single-use-link.ts): every link table holds the same facts of a link,
// and every finder's row starts with the same two.
import { createStatement } from './statements';
import type { RowQuery } from './queryable';

/** A new link: its municipality, its random token's SHA-256, when it was made and until when it works. */
export interface NewLink {
  municipalityId: string;
  tokenHash: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

/** What every link finder answers besides its own state: whose link it is and until when it works. */
export interface LinkRecord {
  municipalityId: string;
  expiresAt: Date;
}

/**
 * The insert of a link row: `insertInto` names the table and its columns for the municipality, the
 * token's hash, the id of what the link is for (the link's field `target`), made at and expires at.
 */
export function createLinkInsert<K extends string>(
  insertInto: string,
  target: K,
): RowQuery<[link: NewLink & Record<K, string>], void> {
  return createStatement(`${insertInto} VALUES ($1, $2, $3, $4, $5)`, (link: NewLink & Record<K, string>) => [
    link.municipalityId,
    link.tokenHash,
    link[target],
    link.createdAt,
    link.expiresAt,
  ]);
}
