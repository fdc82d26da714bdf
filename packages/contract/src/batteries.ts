// Batteries' shapes (docs/batteries.md): the forecast per lock, the due list, a lock's readings
// with the fitted line, battery changes on record and a battery round's plan. Locks, doors,
// properties and districts only: never a customer (R2.7).
import { batteryChangeDoers, doorKinds } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, recordedName, timestamp, uuid } from './schema-parts';

export const forecastConfidences = ['high', 'medium', 'low'] as const;
export const unknownForecastReasons = [
  'no_readings',
  'too_few_readings',
  'too_short_span',
  'not_discharging',
] as const;

/** What the forecast says about one lock's battery. */
export const BatteryForecastFields = {
  dueAt: orNull(
    Type.String({
      format: 'date-time',
      description: 'When the fitted line reaches the threshold; null when unknown.',
    }),
  ),
  ratePerMonth: orNull(Type.Number({ description: 'Percentage points lost per month.' })),
  confidence: orNull(Type.Enum([...forecastConfidences])),
  unknownReason: orNull(Type.Enum([...unknownForecastReasons])),
  readingDays: Type.Integer({ description: 'Days with readings the fit used.' }),
  spanDays: Type.Integer(),
  since: orNull(
    Type.String({
      format: 'date-time',
      description: 'The battery change the fit starts at, recorded or seen.',
    }),
  ),
};

export const BatteryForecastView = Type.Object(BatteryForecastFields);
export type BatteryForecastView = Static<typeof BatteryForecastView>;

export const BatteryForecastRow = Type.Object({
  lockId: uuid(),
  serial: Type.String(),
  batteryLevel: orNull(Type.Integer()),
  doorId: uuid(),
  doorKind: Type.Enum([...doorKinds]),
  doorLabel: Type.String(),
  propertyId: uuid(),
  streetAddress: Type.String(),
  districtId: uuid(),
  districtName: Type.String(),
  ...BatteryForecastFields,
});
export type BatteryForecastRow = Static<typeof BatteryForecastRow>;

export const BatteryForecastList = Type.Object({
  threshold: Type.Integer({ description: 'Per cent; the municipality setting batteryThresholdPercent.' }),
  until: orNull(
    Type.String({
      format: 'date-time',
      description: 'Locks due before this instant are listed; null without withinWeeks.',
    }),
  ),
  items: Type.Array(BatteryForecastRow),
});
export type BatteryForecastList = Static<typeof BatteryForecastList>;

export const batteryListSorts = ['dueAt', 'batteryLevel'] as const;

export const BatteryChange = Type.Object({
  id: Type.String(),
  lockDeviceId: uuid(),
  changedAt: timestamp(),
  doneBy: Type.Enum([...batteryChangeDoers]),
  teamId: orNull(uuid()),
  workOrderId: orNull(uuid()),
  levelBefore: orNull(Type.Integer()),
  note: orNull(Type.String()),
  recordedBy: Type.String(),
  recordedByName: recordedName(
    'The recorder’s name while they are the municipality’s staff or its own installer; another company’s installer stays a username.',
  ),
  recordedAt: timestamp(),
});
export type BatteryChange = Static<typeof BatteryChange>;

export const BatteryChangeBody = Type.Object(
  {
    changedAt: timestamp(),
    doneBy: Type.Enum([...batteryChangeDoers]),
    teamId: Type.Optional(orNull(uuid())),
    workOrderId: Type.Optional(orNull(uuid())),
    levelBefore: Type.Optional(orNull(Type.Integer({ minimum: 0, maximum: 100 }))),
    note: Type.Optional(orNull(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const BatteryChangeList = Type.Object({ items: Type.Array(BatteryChange) });

/** One lock's battery: daily readings, the fitted line, the forecast and the changes (lock page). */
export const LockBattery = Type.Object({
  lockId: uuid(),
  threshold: Type.Integer(),
  batteryLevel: orNull(Type.Integer()),
  readings: Type.Array(
    Type.Object({
      at: timestamp(),
      level: Type.Number({ description: 'Median of the day’s readings.' }),
      readings: Type.Integer(),
    }),
  ),
  line: orNull(
    Type.Object(
      { at: timestamp(), level: Type.Number(), slopePerDay: Type.Number() },
      { description: 'The fit.' },
    ),
  ),
  changes: Type.Array(BatteryChange),
  ...BatteryForecastFields,
});
export type LockBattery = Static<typeof LockBattery>;

export const BatteryRoundBody = Type.Object(
  {
    districtId: Type.Optional(uuid()),
    teamId: Type.Optional(uuid()),
    withinWeeks: Type.Integer(),
    startAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the round starts; now when not given.' }),
    ),
  },
  { additionalProperties: false },
);

export const BatteryRoundLock = Type.Object({
  lockId: uuid(),
  serial: Type.String(),
  doorId: uuid(),
  doorKind: Type.Enum([...doorKinds]),
  doorLabel: Type.String(),
  batteryLevel: orNull(Type.Integer()),
  dueAt: orNull(timestamp()),
  needsBooking: Type.Boolean({ description: 'An apartment door: a time must be booked with the customer.' }),
  workOrderId: orNull(uuid()),
  reference: orNull(Type.String()),
  position: Type.Integer({ description: 'The order’s batch_position (1-based).' }),
});

export const BatteryRoundStop = Type.Object({
  propertyId: uuid(),
  designation: Type.String(),
  streetAddress: Type.String(),
  latitude: orNull(Type.Number()),
  longitude: orNull(Type.Number()),
  locks: Type.Array(BatteryRoundLock),
});

export const BatteryRoundPlan = Type.Object({
  isDryRun: Type.Boolean(),
  batchId: orNull(Type.String({ format: 'uuid', description: 'The orders’ batch_id; null in a dry run.' })),
  startAt: timestamp(),
  until: timestamp(),
  lengthKm: Type.Number({ description: 'Path length between properties with coordinates.' }),
  stops: Type.Array(BatteryRoundStop),
  alreadyOrdered: Type.Array(
    Type.Object(
      { lockId: uuid(), serial: Type.String() },
      { description: 'Due, but an open battery order exists.' },
    ),
  ),
});
export type BatteryRoundPlan = Static<typeof BatteryRoundPlan>;
