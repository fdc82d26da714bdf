// The lists paged by a sealed cursor (docs/api.md "Paging"): the client passes a page's
// `nextCursor` back as `cursor` and gets the rows after it. Every such list asks and answers in
// the same fields, so they are written here once.
import { Type, type TProperties, type TSchema } from 'typebox';
import { orNull } from './schema-parts';

/** A page of `row`s and the cursor of the next page (null at the end), with what `extra` adds. */
export const cursorPage = <T extends TSchema, P extends TProperties = Record<never, never>>(
  row: T,
  extra: P = {} as P,
) =>
  Type.Object({
    items: Type.Array(row),
    nextCursor: orNull(Type.String({ description: 'Pass as `cursor` for the next page.' })),
    ...extra,
  });

/** A cursor-paged list's query fields: where the page starts and how many rows it holds at most. */
export const cursorPageQuery = (maxLimit = 500) => ({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit })),
});
