// Relatives' self-service (R4.4, docs/relatives.md): invitations made by the customer's work lead,
// the link a relative opens to make an account, the relative's own customer, and the read log.
import { defaultInvitationDays, relativeInvitationStatuses } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, text, timestamp, uuid } from './schema-parts';

/** The municipality setting (PATCH /api/v1/municipality `settings`). */
export const relativeSettingsProperties = {
  relativeInvitationDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 60,
      description: `How many days a relative’s invitation link works (default ${defaultInvitationDays}).`,
    }),
  ),
};

export const RelativeInvitation = Type.Object({
  id: uuid(),
  customerId: uuid(),
  relativeName: Type.String(),
  email: Type.String(),
  status: Type.Enum([...relativeInvitationStatuses]),
  invitedBy: Type.String(),
  createdAt: timestamp(),
  expiresAt: timestamp(),
  usedAt: orNull(timestamp()),
  /** The account made with the link, once used. */
  username: orNull(Type.String()),
  isAccountDisabled: orNull(Type.Boolean()),
  withdrawnAt: orNull(timestamp()),
  withdrawnBy: orNull(Type.String()),
});
export type RelativeInvitation = Static<typeof RelativeInvitation>;
export const RelativeInvitationList = Type.Object({ items: Type.Array(RelativeInvitation) });
export type RelativeInvitationList = Static<typeof RelativeInvitationList>;

export const RelativeInvitationBody = Type.Object(
  {
    relativeName: text(200),
    email: Type.String({ format: 'email', maxLength: 320 }),
  },
  { additionalProperties: false },
);

/** The made invitation and its link: the link is shown this once (only its hash is kept). */
export const CreatedRelativeInvitation = Type.Object({
  invitation: RelativeInvitation,
  link: Type.String(),
});
export type CreatedRelativeInvitation = Static<typeof CreatedRelativeInvitation>;

export const RelativeLinkParams = Type.Object(
  { token: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);

/** What the link's page shows: whom the invitation is for and about, and until when. */
export const RelativeLinkView = Type.Object({
  municipalityName: Type.String(),
  relativeName: Type.String(),
  customerGivenName: Type.String(),
  /** The inviting person's name; for an API token, the provider or municipality it acts for. */
  invitedBy: Type.String(),
  expiresAt: timestamp(),
});
export type RelativeLinkView = Static<typeof RelativeLinkView>;

export const RelativeAccountBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const RelativeAccountReceipt = Type.Object({ username: Type.String() });

/** The one customer a relative's account is bound to. */
export const RelativeCustomer = Type.Object({ id: uuid(), name: Type.String() });
export type RelativeCustomer = Static<typeof RelativeCustomer>;

export const RelativeRead = Type.Object({
  id: Type.String(),
  userId: uuid(),
  username: Type.String(),
  displayName: Type.String(),
  userLabel: Type.String(),
  format: Type.Enum(['json', 'csv', 'pdf']),
  firstDay: Type.String({ format: 'date' }),
  lastDay: Type.String({ format: 'date' }),
  rowCount: Type.Integer(),
  readAt: timestamp(),
});
export type RelativeRead = Static<typeof RelativeRead>;
export const RelativeReadList = Type.Object({ items: Type.Array(RelativeRead) });
export type RelativeReadList = Static<typeof RelativeReadList>;
