// Support cases and support hours over HTTP (R9.1; docs/support.md "Support cases", "Support
// hours"): the shapes the server answers with and the console reads.
import {
  emergencyCauses,
  supportCaseCategories,
  supportCaseNoteAuthorKinds,
  supportCaseNoteKinds,
  supportCasePriorities,
  supportCaseStatuses,
  supportCaseTitleKinds,
  workOrderKinds,
} from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { cursorPage, cursorPageQuery } from './cursor-page';
import { expectedVersion, orNull, recordedName, text, timestamp, uuid } from './schema-parts';

const category = () => Type.Enum([...supportCaseCategories]);
const priority = () => Type.Enum([...supportCasePriorities]);
const status = () => Type.Enum([...supportCaseStatuses]);

/**
 * The parameters of each title kind the server gives the cases it opens (docs/support.md
 * "Support cases"), which a client puts into words in its reader's language. `emergency_opening`
 * has none.
 */
export const supportCaseTitleParams = {
  backup_key_taken: Type.Object(
    {
      cabinetName: Type.String({ description: "The key cabinet's name when the key was taken." }),
      slot: Type.Integer({ minimum: 1 }),
    },
    {
      description:
        '`backup_key_taken`: the cabinet and slot a backup key was taken from (a digital failure).',
    },
  ),
  emergency_follow_up: Type.Object(
    {
      emergencyReference: Type.String({
        description: "The emergency opening's reference (its own case's), e.g. SUP-2027-K7QX4M.",
      }),
    },
    { description: '`emergency_follow_up`: the emergency opening this case follows up.' },
  ),
};
export type SupportCaseTitleParamKind = keyof typeof supportCaseTitleParams;
/** The parameters a title of `kind` carries. */
export type SupportCaseTitleParamsOf<K extends SupportCaseTitleParamKind> = Static<
  (typeof supportCaseTitleParams)[K]
>;

/** One case as lists show it. */
const summaryProperties = {
  id: uuid(),
  reference: Type.String({
    description:
      'Human reference: the year and a random code, e.g. SUP-2027-K7QX4M, unique in the municipality. ' +
      'It says nothing of other cases, not even which came first; the list orders by `createdAt`.',
  }),
  category: category(),
  priority: priority(),
  status: status(),
  title: Type.String({
    description:
      'For `titleKind` `text`, the title as written; for a title the server gave the case, its English ' +
      'wording (a client in another language words `titleKind` and `titleParams` itself).',
  }),
  titleKind: Type.Enum([...supportCaseTitleKinds], {
    description:
      '`text`: a title a person or client wrote; `emergency_opening`: the case of an emergency opening; ' +
      '`backup_key_taken`: opened by a digital-failure take from a key cabinet; `emergency_follow_up`: ' +
      "an emergency's follow-up case.",
  }),
  titleParams: orNull(
    Type.Union([supportCaseTitleParams.backup_key_taken, supportCaseTitleParams.emergency_follow_up]),
    { description: 'What a title of a kind with parameters says (see each shape); null otherwise.' },
  ),
  isEmergency: Type.Boolean({
    description: 'Raised as an emergency opening (allowed outside support hours).',
  }),
  raisedBy: Type.String({ description: 'Who raised it: the username, or token:<name> for an API token.' }),
  raisedByName: recordedName(
    "The raiser's name as people know them; null for a token, or for a raiser who no longer belongs to the case's organisation (nor to the municipality's staff).",
  ),
  raisedByRole: Type.String(),
  assignedUserId: orNull(uuid()),
  assignedUserName: orNull(Type.String()),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  resolvedAt: orNull(timestamp()),
  version: Type.Integer(),
};
export const SupportCaseSummary = Type.Object(summaryProperties);

export type SupportCaseSummary = Static<typeof SupportCaseSummary>;

export const SupportCasePage = cursorPage(SupportCaseSummary, {
  total: Type.Integer({ description: 'Cases in your scope matching the filters, on all pages.' }),
});
export type SupportCasePage = Static<typeof SupportCasePage>;

/**
 * The author of a `key_take_lapsed` entry: the server, which records the lapse with whatever
 * change (a next take, the key's return or move) finds it; the console words it.
 */
export const keyTakeLapseAuthor = 'system:key-take-lapse';

/** The cabinet and slot of a take the case links to, whose authorisation ended unused. */
function keyTakeEnded(description: string) {
  return Type.Object(
    { keyCabinetName: Type.String(), slot: Type.Integer(), takeId: Type.String({ format: 'uuid' }) },
    { description },
  );
}

/**
 * The parameters of each timeline entry kind the server records as a fact (its `body` empty) and
 * the console puts into words in the reader's language (docs/support.md "Support cases"). The
 * kinds not named here (`locksmith_on_site`, `door_opened`, and the older kinds) have none.
 */
export const supportCaseNoteParams = {
  arrival_link_mailed: Type.Object(
    { mailedTo: Type.Array(Type.String()), mailFailedTo: Type.Array(Type.String()) },
    {
      description:
        '`arrival_link_mailed`: the e-mail addresses the arrival link was mailed to and those it could ' +
        'not be mailed to (both empty: mailed to nobody).',
    },
  ),
  emergency_closed: Type.Object(
    {
      cause: Type.Enum([...emergencyCauses]),
      note: orNull(Type.String({ description: 'What the person closing wrote, as written.' })),
    },
    { description: '`emergency_closed`: what went wrong (a code) and the closing note.' },
  ),
  follow_up_opened: Type.Object(
    {
      followUp: Type.Enum(['work_order', 'support_case']),
      reference: orNull(
        Type.String({
          description: 'The work order or case opened; null when an open work order was linked instead.',
        }),
      ),
      workOrderKind: orNull(Type.Enum([...workOrderKinds], { description: 'Null for a support case.' })),
    },
    { description: '`follow_up_opened`: the work order or support case an emergency was followed up with.' },
  ),
  key_take_withdrawn: keyTakeEnded(
    '`key_take_withdrawn`: the take of a backup key the case links to was withdrawn before the key was taken.',
  ),
  key_take_lapsed: keyTakeEnded(
    '`key_take_lapsed`: the authorisation of a take the case links to lapsed with the key never taken.',
  ),
};
export type SupportCaseNoteParamKind = keyof typeof supportCaseNoteParams;
/** The parameters an entry of `kind` carries. */
export type SupportCaseNoteParamsOf<K extends SupportCaseNoteParamKind> = Static<
  (typeof supportCaseNoteParams)[K]
>;

export const SupportCaseNote = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum([...supportCaseNoteKinds]),
  body: Type.String({
    description:
      'A note as written; for `status`, `priority` and `assignee` a code (their values in `fromValue` and ' +
      '`toValue`); empty for the kinds with `params`.',
  }),
  fromValue: orNull(Type.String()),
  toValue: orNull(Type.String()),
  params: orNull(
    Type.Union([
      supportCaseNoteParams.arrival_link_mailed,
      supportCaseNoteParams.emergency_closed,
      supportCaseNoteParams.follow_up_opened,
      supportCaseNoteParams.key_take_withdrawn,
    ]),
    {
      description: 'What an entry of a kind with parameters says (see each shape); null on every other kind.',
    },
  ),
  authorKind: Type.Enum([...supportCaseNoteAuthorKinds], {
    description:
      '`actor`: `author` is the label of the user or API token that wrote the entry; `arrival_link`: the ' +
      "locksmith who confirmed arrival through the emergency's single-use link, `author` naming the " +
      'company (empty when unknown).',
  }),
  author: Type.String(),
  authorName: recordedName(
    "An `actor` author's name as people know them (`author` stays the username or token:<name>); null for a " +
      "token, an `arrival_link` entry, a blank name, or an author who no longer belongs to the case's " +
      "organisation (nor to the municipality's staff).",
  ),
  at: timestamp(),
});
export type SupportCaseNote = Static<typeof SupportCaseNote>;

/** One case with what it is about and its timeline, oldest first. */
export const SupportCaseDetail = Type.Object({
  ...summaryProperties,
  description: orNull(Type.String()),
  formerReference: orNull(
    Type.String({
      description:
        'The counted reference a case made before migration 0064 had (e.g. SUP-2026-000042), so one named ' +
        "in an old mail or note is found; answered to the municipality's readers only, null otherwise.",
    }),
  ),
  lock: orNull(Type.Object({ id: uuid(), serial: Type.String() })),
  key: orNull(Type.Object({ id: uuid(), serial: Type.String() })),
  door: orNull(Type.Object({ id: uuid(), label: Type.String(), streetAddress: Type.String() })),
  /** Null when there is none, or when the caller may not read that customer (R2.7). */
  customer: orNull(Type.Object({ id: uuid(), name: Type.String() })),
  timeline: Type.Array(SupportCaseNote),
});
export type SupportCaseDetail = Static<typeof SupportCaseDetail>;

export const SupportCaseQuery = Type.Object(
  {
    status: Type.Optional(status()),
    category: Type.Optional(category()),
    priority: Type.Optional(priority()),
    /** An account's id, `me`, or `none` (unassigned). */
    assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), uuid()])),
    mine: Type.Optional(Type.Boolean({ description: 'Only cases you raised.' })),
    emergency: Type.Optional(Type.Boolean({ description: 'Only emergency openings (true) or only others.' })),
    ...cursorPageQuery(200),
  },
  { additionalProperties: false },
);
export type SupportCaseQuery = Static<typeof SupportCaseQuery>;

export const NewSupportCaseBody = Type.Object(
  {
    category: category(),
    priority: Type.Optional(priority()),
    title: text(200),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    lockDeviceId: Type.Optional(uuid()),
    digitalKeyId: Type.Optional(uuid()),
    doorId: Type.Optional(uuid()),
    customerId: Type.Optional(uuid()),
  },
  { additionalProperties: false },
);
export type NewSupportCaseBody = Static<typeof NewSupportCaseBody>;

export const SupportCasePatchBody = Type.Object(
  {
    version: expectedVersion(),
    status: Type.Optional(status()),
    priority: Type.Optional(priority()),
    assignedUserId: Type.Optional(orNull(uuid())),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type SupportCasePatchBody = Static<typeof SupportCasePatchBody>;

export const SupportCaseNoteBody = Type.Object({ body: text(4000) }, { additionalProperties: false });
export type SupportCaseNoteBody = Static<typeof SupportCaseNoteBody>;

export const SupportCaseAssignees = Type.Object({
  items: Type.Array(Type.Object({ id: uuid(), displayName: Type.String(), role: Type.String() })),
});
export type SupportCaseAssignees = Static<typeof SupportCaseAssignees>;

/** Whether support is open now, whether it ever closes, and when it opens next (R9.1, R8.3). */
export const SupportHoursStatus = Type.Object({
  isOpen: Type.Boolean(),
  isRoundTheClock: Type.Boolean({
    description:
      'Support never closes: round-the-clock support is established (roundTheClockSupportSince on or before today) or the hours are every day 00:00–24:00. Then nextOpening is null.',
  }),
  from: Type.String({ description: 'HH:MM local time.' }),
  until: Type.String({ description: 'HH:MM local time.' }),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
    description: 'ISO weekdays, 1 = Monday.',
  }),
  timeZone: Type.String(),
  holiday: orNull(Type.String({ description: 'Today’s public holiday (Swedish name), if any.' })),
  nextOpening: orNull(timestamp(), {
    description:
      'When support opens next; null when it is round the clock or no weekday is listed. Round-the-clock support established on a later day opens at that day’s local midnight.',
  }),
  now: timestamp(),
});
export type SupportHoursStatus = Static<typeof SupportHoursStatus>;
