import { Type, type TSchema } from 'typebox';

// The error body and the error responses every route lists are API shapes: @portvakt/contract.
export { errorResponses } from '@portvakt/contract';

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The answer of a POST that creates one thing and says only which. */
export const CreatedId = Type.Object({ id: Type.String() });

/** The answer of a list without pages: `{ items }`. */
export const listSchema = <Item extends TSchema>(item: Item) => Type.Object({ items: Type.Array(item) });
