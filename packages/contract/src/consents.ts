// Property owners' contacts, the contact log, consent requests and the consent e-service (R7,
// docs/consents.md). The e-service's shapes name a property and its entrances, never a customer
// or an apartment door (R2.7).
import {
  consentAnswers,
  entranceConsentStatuses,
  ownerContactKinds,
  ownerContactOutcomeKinds,
} from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, phoneNumber, text, timestamp, uuid } from './schema-parts';

export const OwnerContact = Type.Object({
  id: uuid(),
  propertyOwnerId: uuid(),
  name: Type.String(),
  title: orNull(Type.String()),
  email: orNull(Type.String()),
  phone: orNull(Type.String()),
  isPrimary: Type.Boolean(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});
export type OwnerContact = Static<typeof OwnerContact>;
export const OwnerContactList = Type.Object({ items: Type.Array(OwnerContact) });

export const OwnerContactBody = Type.Object(
  {
    name: text(200),
    title: Type.Optional(orNull(Type.String({ maxLength: 200 }))),
    email: Type.Optional(orNull(Type.String({ format: 'email', maxLength: 320 }))),
    phone: Type.Optional(orNull(phoneNumber(50))),
    isPrimary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const OwnerContactPatch = Type.Partial(OwnerContactBody, {
  additionalProperties: false,
  minProperties: 1,
});
/**
 * The parameters of each contact-log outcome the server records as a fact (its `outcome` empty)
 * and the console puts into words in the reader's language (docs/consents.md "Contact log"). A
 * `note` has none: its `outcome` is what the person wrote.
 */
export const ownerContactLogParams = {
  consent_request_sent: Type.Object(
    {
      contactName: Type.String(),
      email: Type.String(),
      doorCount: Type.Integer({ minimum: 1 }),
      streetAddress: Type.String(),
    },
    {
      description:
        '`consent_request_sent`: the contact the request was mailed to, how many doors it asks about and ' +
        "the property's street address.",
    },
  ),
  consent_reminder_sent: Type.Object(
    {
      reminder: Type.Integer({ minimum: 1, description: 'Which reminder of the request: 1, 2, …' }),
      contactName: Type.String(),
      email: Type.String(),
    },
    { description: '`consent_reminder_sent`: which reminder went out, and to whom.' },
  ),
  consent_withdrawn: Type.Object(
    {
      doors: Type.Array(Type.String(), { description: 'The labels of the doors withdrawn.' }),
      note: orNull(Type.String({ description: 'What the lock manager wrote, as written.' })),
    },
    { description: '`consent_withdrawn`: the doors whose consent the owner withdrew, and the note.' },
  ),
};
export type OwnerContactLogParamKind = keyof typeof ownerContactLogParams;
/** The parameters an entry whose outcome is `kind` carries. */
export type OwnerContactLogParamsOf<K extends OwnerContactLogParamKind> = Static<
  (typeof ownerContactLogParams)[K]
>;

export const OwnerContactLogEntry = Type.Object({
  id: Type.Integer(),
  propertyOwnerId: uuid(),
  kind: Type.Enum([...ownerContactKinds]),
  at: timestamp(),
  madeBy: Type.String(),
  outcomeKind: Type.Enum([...ownerContactOutcomeKinds], {
    description:
      '`note`: `outcome` is what the person wrote; any other kind is a fact the server recorded, with its ' +
      '`params`, which a client puts into words.',
  }),
  outcome: Type.String({ description: 'A `note` as written; empty for the kinds with `params`.' }),
  params: orNull(
    Type.Union([
      ownerContactLogParams.consent_request_sent,
      ownerContactLogParams.consent_reminder_sent,
      ownerContactLogParams.consent_withdrawn,
    ]),
    { description: 'What an outcome of a kind with parameters says (see each shape); null for a `note`.' },
  ),
  consentRequestId: orNull(uuid()),
  recordedBy: Type.String(),
  recordedAt: timestamp(),
});
export type OwnerContactLogEntry = Static<typeof OwnerContactLogEntry>;
export const OwnerContactLog = Type.Object({ items: Type.Array(OwnerContactLogEntry) });

export const OwnerContactLogBody = Type.Object(
  {
    kind: Type.Enum([...ownerContactKinds]),
    at: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'When the contact was made; left out, now by the server’s clock (the console sends none, so a browser’s clock running ahead is never refused as a time after now).',
      }),
    ),
    madeBy: text(200),
    outcome: text(2000),
    consentRequestId: Type.Optional(orNull(uuid())),
  },
  { additionalProperties: false },
);

/** One entrance of a request, with its status now and the answer given through this request. */
export const ConsentRequestDoor = Type.Object({
  doorId: uuid(),
  label: Type.String(),
  kind: Type.String(),
  status: Type.Enum([...entranceConsentStatuses]),
  answer: orNull(Type.String()),
  answeredByName: orNull(Type.String()),
  answeredByTitle: orNull(Type.String()),
  answeredAt: orNull(timestamp()),
});

export const ConsentRequest = Type.Object({
  id: uuid(),
  propertyOwnerId: uuid(),
  propertyId: uuid(),
  propertyDesignation: Type.String(),
  streetAddress: Type.String(),
  contactId: uuid(),
  contactName: Type.String(),
  contactEmail: orNull(Type.String()),
  lastSentAt: timestamp(),
  reminderCount: Type.Integer(),
  answeredAt: orNull(timestamp()),
  createdBy: Type.String(),
  createdAt: timestamp(),
  doors: Type.Array(ConsentRequestDoor),
});
export type ConsentRequest = Static<typeof ConsentRequest>;
export const ConsentRequestList = Type.Object({ items: Type.Array(ConsentRequest) });

export const ConsentRequestQuery = Type.Object(
  { propertyOwnerId: Type.Optional(uuid()), propertyId: Type.Optional(uuid()) },
  { additionalProperties: false },
);

export const CreateConsentRequestBody = Type.Object(
  {
    propertyId: uuid(),
    contactId: uuid(),
    /** The shared doors to ask about; every entrance of the property when left out. */
    doorIds: Type.Optional(Type.Array(uuid(), { minItems: 1, maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const RecordWithdrawalBody = Type.Object(
  {
    /** How the owner said so. */
    kind: Type.Enum([...ownerContactKinds]),
    doorIds: Type.Array(uuid(), { minItems: 1, maxItems: 100, uniqueItems: true }),
    name: text(200),
    title: Type.Optional(orNull(Type.String({ maxLength: 200 }))),
    note: Type.Optional(orNull(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const ConsentReminderRun = Type.Object({
  isSkipped: Type.Boolean(),
  reminded: Type.Array(uuid()),
  failed: Type.Array(uuid()),
});
export type ConsentReminderRun = Static<typeof ConsentReminderRun>;

/** The e-service's view of a link: the property and its entrances, nothing about who lives there. */
export const ConsentLinkView = Type.Object({
  municipalityName: Type.String(),
  ownerName: Type.String(),
  contactName: Type.String(),
  property: Type.Object({
    designation: Type.String(),
    streetAddress: Type.String(),
    postalCode: orNull(Type.String()),
    city: orNull(Type.String()),
  }),
  expiresAt: timestamp(),
  entrances: Type.Array(
    Type.Object({
      doorId: uuid(),
      label: Type.String(),
      status: Type.Enum([...entranceConsentStatuses]),
    }),
  ),
});
export type ConsentLinkView = Static<typeof ConsentLinkView>;

export const consentTokenPattern = '^[A-Za-z0-9_-]{43}$';
export const ConsentTokenParams = Type.Object(
  { token: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);

export const ConsentAnswerBody = Type.Object(
  {
    name: text(200),
    title: text(200),
    answers: Type.Array(
      Type.Object(
        { doorId: uuid(), answer: Type.Enum([...consentAnswers]) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const ConsentAnswerReceipt = Type.Object({
  answeredAt: timestamp(),
  entrances: Type.Array(
    Type.Object({ doorId: uuid(), label: Type.String(), status: Type.Enum([...entranceConsentStatuses]) }),
  ),
});

/** The municipality settings of consent requests (PATCH /api/v1/municipality). */
export const consentSettingsProperties = {
  consentLinkDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'How long a consent link works, in days (default 30).',
    }),
  ),
  consentReminderDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 180,
      description: 'Days without an answer before a reminder goes out (default 14).',
    }),
  ),
};
