import { Type } from 'typebox';

// The error body and the error responses every route lists are API shapes: @portvakt/contract.
export { errorResponses } from '@portvakt/contract';

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
