// The pieces every capability's schemas are built from, so that a nullable value, an id or an
// instant is written one way across the contract.
import {
  organisationNumberFormat,
  organisationNumberRule,
  phoneNumberPattern,
  phoneNumberRule,
} from '@portvakt/core';
import { Type, type TSchema } from 'typebox';

/** `schema`, or null where the value is absent. */
export const orNull = <T extends TSchema>(schema: T, options?: Parameters<typeof Type.Union>[1]) =>
  Type.Union([schema, Type.Null()], options);
export const uuid = () => Type.String({ format: 'uuid' });
/** An ISO 8601 instant. */
export const timestamp = () => Type.String({ format: 'date-time' });
/** A calendar day, YYYY-MM-DD. */
export const day = () => Type.String({ format: 'date' });
/** A calendar month, YYYY-MM: the pattern, for a reader of refusals to tell a month by it. */
export const monthPattern = '^[0-9]{4}-(0[1-9]|1[0-2])$';
export const month = (description = 'YYYY-MM') => Type.String({ pattern: monthPattern, description });
/** Text that may not be empty, of at most `maxLength` characters. */
export const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** A phone number someone will ring (core's `phoneNumberPattern`); a mismatch is 400 validation_failed. */
export const phoneNumber = (maxLength = 40) =>
  Type.String({ maxLength, pattern: phoneNumberPattern, description: `A phone number: ${phoneNumberRule}.` });
/** A Swedish organisation number (core's `isOrganisationNumber`, as a format); a mismatch is 400 validation_failed. */
export const organisationNumber = (maxLength = 20) =>
  Type.String({
    maxLength,
    format: organisationNumberFormat,
    description: `An organisation number: ${organisationNumberRule}.`,
  });
/** The period of instants a visit list is read for (the server refuses one reversed or over its longest). */
export const listPeriod = { from: timestamp(), to: timestamp() };
/** The version a change was read at, for optimistic locking. */
export const expectedVersion = () =>
  Type.Integer({ minimum: 1, description: 'The version read; a stale one is 409 version_conflict.' });

/** Who acted, as the audit trail and the event read log record it beside each entry. */
export const recordedActor = {
  actorUserId: orNull(Type.String()),
  actorTokenId: orNull(Type.String()),
  actorLabel: Type.String(),
  actorRole: orNull(Type.String()),
};

/**
 * The name of the account a record keeps by username (who recorded, approved, granted…), as people
 * know them: while that account is the municipality's own staff or belongs to the record's own
 * organisation, so a reader learns no name of another organisation's people; null for an API
 * token, a blank name, an account no longer there or otherwise (show the username).
 */
export const recordedName = (
  description = 'The name of the account named beside it; null shows the username.',
) => orNull(Type.String({ description }));

/** One page of an append-only log, newest first; `nextCursor` is the id to pass as `cursor` for older rows. */
export const idPage = <T extends TSchema>(row: T) =>
  Type.Object({ items: Type.Array(row), nextCursor: orNull(Type.Integer()) });
