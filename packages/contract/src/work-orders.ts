// Work orders over HTTP (docs/work-orders.md): the lock manager's planning board and the
// installer's phone view share these shapes with the server.
import {
  doorKinds,
  lockTypes,
  workOrderAwaits,
  workOrderKinds,
  workOrderOrigins,
  workOrderStates,
  workOrderTransitionReasonKinds,
} from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { expectedVersion, orNull, recordedName, timestamp, uuid } from './schema-parts';
import { cursorPage, cursorPageQuery } from './cursor-page';
import { ChainStart } from './devices';

/** Ways to sort the list: booked time (unbooked last, longest waiting first), reference, or newest first. */
export const workOrderSorts = ['bookedFrom', 'reference', 'createdAt'] as const;

/** One order as lists show it: where, what, who, when. */
const summaryProperties = {
  id: uuid(),
  reference: Type.String({
    description:
      'The human reference: the year the order was made and a random code, e.g. AO-2027-K7QX4M, unique in ' +
      'the municipality; it counts nothing, so it says nothing of other orders, not even which came first.',
  }),
  kind: Type.Enum([...workOrderKinds]),
  state: Type.Enum([...workOrderStates]),
  awaits: Type.Enum([...workOrderAwaits]),
  origin: Type.Enum([...workOrderOrigins]),
  doorId: uuid(),
  doorLabel: Type.String(),
  doorKind: Type.Enum([...doorKinds]),
  propertyId: uuid(),
  propertyDesignation: Type.String(),
  streetAddress: Type.String(),
  postalCode: orNull(Type.String()),
  city: orNull(Type.String()),
  districtId: uuid(),
  lockDeviceId: orNull(uuid()),
  lockSerial: orNull(Type.String()),
  targetDoorId: orNull(uuid()),
  assignedUserId: orNull(uuid()),
  assignedUserName: orNull(Type.String()),
  assignedCompanyId: orNull(uuid()),
  assignedCompanyName: orNull(Type.String()),
  bookedFrom: orNull(timestamp()),
  bookedUntil: orNull(timestamp()),
  plannedMinutes: orNull(Type.Integer()),
  version: Type.Integer(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
};
export const WorkOrderSummary = Type.Object(summaryProperties);
export type WorkOrderSummary = Static<typeof WorkOrderSummary>;

export const WorkOrderPage = cursorPage(WorkOrderSummary);
export type WorkOrderPage = Static<typeof WorkOrderPage>;

const day = () => Type.String({ format: 'date', description: 'A local day, YYYY-MM-DD.' });

/** The day of the customer's decision behind a cancellation (R6.2). */
const decidedOn = () =>
  Type.Object(
    { decidedOn: day() },
    {
      description:
        "`customer_refused_lock`, `customer_withdrew_consent`: the day of the customer's decision; `owner_withdrew_consent`: the day the owner's withdrawal was recorded.",
    },
  );

/**
 * The parameters of each reason kind the server records when it moves an order itself
 * (docs/work-orders.md "History"), which a client puts into words in its reader's language.
 * `lock_installed_outside_order` has none.
 */
export const workOrderTransitionReasonParams = {
  origin: Type.Object(
    { origin: Type.Enum([...workOrderOrigins]) },
    { description: '`origin`: what made the order (its first transition).' },
  ),
  customer_refused_lock: decidedOn(),
  customer_withdrew_consent: decidedOn(),
  owner_withdrew_consent: decidedOn(),
};
export type WorkOrderTransitionReasonParamKind = keyof typeof workOrderTransitionReasonParams;
/** The parameters a reason of `kind` carries. */
export type WorkOrderTransitionReasonParamsOf<K extends WorkOrderTransitionReasonParamKind> = Static<
  (typeof workOrderTransitionReasonParams)[K]
>;

export const WorkOrderTransitionRow = Type.Object({
  fromState: orNull(Type.String()),
  toState: Type.String(),
  reason: orNull(
    Type.String({ description: 'For `reasonKind` `text`, the reason as a person wrote it; null otherwise.' }),
  ),
  reasonKind: Type.Enum([...workOrderTransitionReasonKinds], {
    description:
      '`text`: a person moved the order (their reason, if any, in `reason`); `origin`: a trigger made the ' +
      'order; `lock_installed_outside_order`: cancelled because a lock was installed on the door outside ' +
      "it; `customer_refused_lock`, `customer_withdrew_consent`: cancelled by the customer's refusal or " +
      "withdrawn consent (R6.2); `owner_withdrew_consent`: a planned install back to requested, the property owner's " +
      "consent for its entrance withdrawn (R7.1); `service_extended`: a requested dismount cancelled because the customer's " +
      'service it followed no longer ends then (its end removed or moved later, or a new service).',
  }),
  reasonParams: orNull(
    Type.Union([
      workOrderTransitionReasonParams.origin,
      workOrderTransitionReasonParams.customer_refused_lock,
    ]),
    { description: 'What a reason of a kind with parameters says (see each shape); null otherwise.' },
  ),
  actor: Type.String({ description: 'Who moved the order: a username, `token:<name>` for an API token.' }),
  actorName: recordedName(
    'The mover’s name, while they are the municipality’s staff or belong to the locksmith company the order ' +
      'is assigned to; null otherwise (show `actor`).',
  ),
  at: timestamp(),
});
export type WorkOrderTransitionRow = Static<typeof WorkOrderTransitionRow>;

/** One order with its history, the lock and, for roles that read customers, the customer. */
export const WorkOrderDetail = Type.Object({
  ...summaryProperties,
  formerReference: orNull(
    Type.String({
      description:
        'The counted reference an order made before migration 0065 had (e.g. AO-2026-000042), so one named ' +
        "in an old mail, note or on paper is found; answered to the municipality's readers only, null otherwise.",
    }),
  ),
  stateReason: orNull(
    Type.String({
      description:
        "A person's reason for the current state; null when the server moved the order (the last transition's `reasonKind` says why).",
    }),
  ),
  notes: orNull(Type.String({ description: 'As people wrote them.' })),
  startedAt: orNull(timestamp()),
  finishedAt: orNull(timestamp()),
  actualMinutes: orNull(Type.Integer()),
  originalLockStorage: orNull(Type.String()),
  originalLockRestoredAt: orNull(timestamp()),
  floor: orNull(Type.Integer()),
  lock: orNull(
    Type.Object({ id: uuid(), serial: Type.String(), lockType: Type.String(), status: Type.String() }),
  ),
  targetDoor: orNull(
    Type.Object({ id: uuid(), label: Type.String(), kind: Type.String(), streetAddress: Type.String() }),
  ),
  /** Null when there is none, or when the caller's role may not read customers (R2.7). */
  customer: orNull(Type.Object({ id: uuid(), name: Type.String(), apartment: orNull(Type.String()) })),
  followsUpEmergencies: Type.Array(Type.String(), {
    description:
      'The references of the emergency openings this order was opened or linked to follow up (a client ' +
      "words it, e.g. 'Follow-up of emergency opening SUP-2027-K7QX4M'); `notes` holds only what people wrote.",
  }),
  needsCustomerBooking: Type.Boolean({
    description:
      "A battery round's order on an apartment door: the customer is home, so a time is booked with them " +
      "before the visit (a client words it, e.g. 'Book a time with the customer before the visit').",
  }),
  transitions: Type.Array(WorkOrderTransitionRow),
});
export type WorkOrderDetail = Static<typeof WorkOrderDetail>;

export const WorkOrderQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum([...workOrderStates])),
    kind: Type.Optional(Type.Enum([...workOrderKinds])),
    districtId: Type.Optional(uuid()),
    /** `me`: assigned to the caller or the caller's company; an id: that user or company. */
    assignee: Type.Optional(Type.Union([Type.Literal('me'), uuid()])),
    bookedOn: Type.Optional(day()),
    sort: Type.Optional(Type.Enum([...workOrderSorts])),
    ...cursorPageQuery(),
  },
  { additionalProperties: false },
);
export type WorkOrderQuery = Static<typeof WorkOrderQuery>;

const notes = () => Type.String({ maxLength: 2000 });

export const NewWorkOrderBody = Type.Object(
  {
    kind: Type.Enum([...workOrderKinds]),
    doorId: uuid(),
    targetDoorId: Type.Optional(uuid()),
    customerId: Type.Optional(uuid()),
    lockDeviceId: Type.Optional(uuid()),
    plannedMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    notes: Type.Optional(notes()),
  },
  { additionalProperties: false },
);
export type NewWorkOrderBody = Static<typeof NewWorkOrderBody>;

export const WorkOrderPatchBody = Type.Object(
  {
    version: expectedVersion(),
    assignedUserId: Type.Optional(orNull(uuid())),
    assignedCompanyId: Type.Optional(orNull(uuid())),
    bookedFrom: Type.Optional(orNull(timestamp())),
    bookedUntil: Type.Optional(orNull(timestamp())),
    plannedMinutes: Type.Optional(orNull(Type.Integer({ minimum: 1, maximum: 1440 }))),
    notes: Type.Optional(orNull(notes())),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type WorkOrderPatchBody = Static<typeof WorkOrderPatchBody>;

export const WorkOrderTransitionBody = Type.Object(
  {
    to: Type.Enum([...workOrderStates]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type WorkOrderTransitionBody = Static<typeof WorkOrderTransitionBody>;

/** A P-256 public key as JWK, as the device protocol's enrolment takes it. */
const PublicJwk = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String({ minLength: 40, maxLength: 50 }),
    y: Type.String({ minLength: 40, maxLength: 50 }),
  },
  { additionalProperties: true },
);

export const EnrolLockBody = Type.Object(
  {
    serial: Type.String({ minLength: 3, maxLength: 100 }),
    lockType: Type.Enum([...lockTypes]),
    publicKey: PublicJwk,
  },
  { additionalProperties: false },
);
export type EnrolLockBody = Static<typeof EnrolLockBody>;

export const EnrolLockResult = Type.Object({
  order: WorkOrderDetail,
  enrolmentId: uuid(),
  certificate: Type.String({ description: 'The device certificate, base64url, for the lock.' }),
  lockNumber: orNull(Type.Integer()),
  chainStart: ChainStart,
});
export type EnrolLockResult = Static<typeof EnrolLockResult>;

export const InstallLockBody = Type.Object(
  {
    originalLockStorage: Type.Optional(Type.String({ maxLength: 200 })),
    notes: Type.Optional(notes()),
  },
  { additionalProperties: false },
);
export type InstallLockBody = Static<typeof InstallLockBody>;

const forcing = {
  force: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
};

export const DismountOrderBody = Type.Object(
  {
    originalLockRestored: Type.Boolean(),
    lockStatus: Type.Optional(Type.Enum(['in_stock', 'removed'])),
    ...forcing,
  },
  { additionalProperties: false },
);
export type DismountOrderBody = Static<typeof DismountOrderBody>;

export const MoveLockBody = Type.Object(forcing, { additionalProperties: false });
export type MoveLockBody = Static<typeof MoveLockBody>;

/** Whom a planner can assign orders to. */
export const WorkOrderAssignees = Type.Object({
  installers: Type.Array(
    Type.Object({ id: uuid(), displayName: Type.String(), locksmithCompanyId: orNull(uuid()) }),
  ),
  companies: Type.Array(Type.Object({ id: uuid(), name: Type.String() })),
});
export type WorkOrderAssignees = Static<typeof WorkOrderAssignees>;
