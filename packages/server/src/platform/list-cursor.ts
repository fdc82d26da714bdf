// Opaque list cursors (docs/api.md "Paging"). A cursor carries the last row's sort value and id
// itself, sealed with AES-256-GCM under a key derived from the server's master key, so the
// server never looks a cursor's row up (a lookup outside the caller's scope leaked hidden rows
// and, by bisection, their names), the client cannot read the names inside, and a forged or
// altered cursor fails authentication. The associated data binds a cursor to the list, sort
// and scope it was made for: replayed elsewhere it is refused like any forgery.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Scope } from '@portvakt/core';
import type { ReadOptions } from './context';
import { ApiError } from './errors';

const version = 1;
const ivLength = 12;
const tagLength = 16;

export interface ListPosition {
  sortKey: string;
  id: string;
}

/** What a cursor is valid for: one list, one sort order, one scope. */
export interface CursorBinding {
  resource: string;
  sort: string;
  scope: Scope;
}

function bindingBytes(binding: CursorBinding): Buffer {
  const { scope } = binding;
  const reach =
    scope.kind === 'provider'
      ? scope.providerId
      : scope.kind === 'owner'
        ? scope.propertyOwnerId
        : scope.kind === 'self'
          ? scope.staffMemberId
          : scope.kind === 'assignee'
            ? `${scope.userId}/${scope.locksmithCompanyId ?? ''}`
            : '';
  return Buffer.from(
    JSON.stringify([binding.resource, binding.sort, scope.municipalityId, scope.kind, reach]),
  );
}

export const invalidCursor = () =>
  new ApiError(400, 'invalid_cursor', 'The cursor is not one this API handed out for this list.');

export interface ListCursors {
  seal(position: ListPosition, binding: CursorBinding): string;
  /** Throws 400 invalid_cursor for anything this server did not seal for this binding. */
  open(cursor: string, binding: CursorBinding): ListPosition;
}

export function createListCursors(masterKey: Buffer): ListCursors {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portvakt list cursor v1', 32));
  return {
    seal(position, binding) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(bindingBytes(binding));
      const body = Buffer.concat([
        cipher.update(JSON.stringify([position.sortKey, position.id]), 'utf8'),
        cipher.final(),
      ]);
      return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(cursor, binding) {
      const sealed = Buffer.from(cursor, 'base64url');
      // Only the canonical encoding: another spelling of the same bytes is not a cursor we made.
      if (sealed.toString('base64url') !== cursor || sealed.length <= 1 + ivLength + tagLength)
        throw invalidCursor();
      if (sealed[0] !== version) throw invalidCursor();
      let plain: unknown;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + ivLength));
        decipher.setAAD(bindingBytes(binding));
        decipher.setAuthTag(sealed.subarray(1 + ivLength, 1 + ivLength + tagLength));
        const text = Buffer.concat([
          decipher.update(sealed.subarray(1 + ivLength + tagLength)),
          decipher.final(),
        ]).toString('utf8');
        plain = JSON.parse(text);
      } catch {
        throw invalidCursor();
      }
      if (
        !Array.isArray(plain) ||
        plain.length !== 2 ||
        typeof plain[0] !== 'string' ||
        typeof plain[1] !== 'string'
      )
        throw invalidCursor();
      return { sortKey: plain[0], id: plain[1] };
    },
  };
}

/**
 * One page of a list in a sealed-cursor order (docs/api.md "Paging"): opens the request's cursor
 * (400 when it is not this list's: `list` binds it), reads one row more than the page (the
 * request's limit, else the list's default) with `select`, and seals the cursor after the page
 * when more remain.
 */
export async function readListPage<Row extends { id: string; position: string }>(
  { cursors, input }: { cursors: ListCursors; input: { cursor?: string; limit?: number } },
  list: CursorBinding & { defaultLimit: number },
  select: (after: ListPosition | undefined, limit: number) => Promise<Row[]>,
): Promise<{ page: Row[]; nextCursor: string | null }> {
  const binding = { resource: list.resource, sort: list.sort, scope: list.scope };
  const after = input.cursor === undefined ? undefined : cursors.open(input.cursor, binding);
  const limit = input.limit ?? list.defaultLimit;
  const rows = await select(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor:
      rows.length > limit && last ? cursors.seal({ sortKey: last.position, id: last.id }, binding) : null,
  };
}

/** What a list use case is given: as `ReadOptions`, with the cursors its pages are sealed with. */
export type ListOptions<Query> = ReadOptions<Query> & { cursors: ListCursors };
