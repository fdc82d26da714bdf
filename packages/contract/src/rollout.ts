import { Type, type Static } from 'typebox';
import { openingMethods } from '@portvakt/core';
import { day, orNull, uuid } from './schema-parts';

// Rollout per district (R8.1) and doors that cannot be opened when night or alarm service comes
// (R2.6): GET /api/v1/rollout, /customers/{id}/access-warnings, /teams/{id}/access-warnings
// (docs/rollout.md).

/** One local time window a door can be opened in, as `door.openingHours` holds them. */
export const OpeningWindow = Type.Object(
  {
    from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    to: Type.String({
      pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$',
      description: 'HH:MM; before "from" means past midnight; 24:00 is midnight',
    }),
    days: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
        minItems: 1,
        maxItems: 7,
        uniqueItems: true,
        description: 'ISO weekdays the window starts on (1 = Monday); every day when left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OpeningWindow = Static<typeof OpeningWindow>;

/** A door's opening hours as the registry takes and answers them. */
export const OpeningHours = Type.Array(OpeningWindow, { minItems: 1, maxItems: 14 });

/** A stretch of the week when a service needs a door that cannot be opened. */
export const WeekSpan = Type.Object({
  days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
  from: Type.String(),
  to: Type.String(),
  minutes: Type.Integer(),
});
export type WeekSpan = Static<typeof WeekSpan>;

export const NightAccessWarning = Type.Object({
  doorId: uuid(),
  doorLabel: Type.String(),
  doorKind: Type.String(),
  streetAddress: Type.String(),
  openingMethod: orNull(Type.Enum([...openingMethods])),
  openingHours: Type.Array(OpeningWindow),
  service: Type.String(),
  providerId: uuid(),
  providerName: Type.String(),
  serviceWindows: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  closedSpans: Type.Array(WeekSpan),
});
export type NightAccessWarning = Static<typeof NightAccessWarning>;

/** A customer's warnings, as lists of several customers (a team, rollout) show them. */
export const CustomerNightAccess = Type.Object({
  customerId: uuid(),
  customerName: Type.String(),
  districtId: uuid(),
  warnings: Type.Array(NightAccessWarning),
});
export type CustomerNightAccess = Static<typeof CustomerNightAccess>;

export const AccessWarningsQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'The local day to judge (YYYY-MM-DD); today when left out. Never after today.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CustomerAccessWarnings = Type.Object({
  asOf: day(),
  customerId: uuid(),
  warnings: Type.Array(NightAccessWarning),
});
export type CustomerAccessWarnings = Static<typeof CustomerAccessWarnings>;

export const TeamAccessWarnings = Type.Object({
  asOf: day(),
  teamId: uuid(),
  items: Type.Array(CustomerNightAccess),
});
export type TeamAccessWarnings = Static<typeof TeamAccessWarnings>;

export const RolloutQuery = Type.Object(
  {
    asOf: AccessWarningsQuery.properties.asOf,
    format: Type.Optional(Type.Enum(['json', 'csv'], { description: 'csv: the table as a file.' })),
  },
  { additionalProperties: false },
);

const count = () => Type.Integer({ minimum: 0 });

export const RolloutFigures = Type.Object({
  properties: count(),
  propertiesAsked: count(),
  propertiesConsented: count(),
  entranceLocksPlanned: count(),
  entranceLocksInstalled: count(),
  entranceLocksInUse: count(),
  apartmentLocksPlanned: count(),
  apartmentLocksInstalled: count(),
  apartmentLocksInUse: count(),
  customersServed: count(),
  customersKeyless: count(),
  customersNightAccess: count(),
  staffWithKeys: count(),
});
export type RolloutFigures = Static<typeof RolloutFigures>;

/** The table's columns in order, for the console and the CSV file alike. */
export const rolloutColumns = Object.keys(RolloutFigures.properties) as Array<keyof RolloutFigures>;

export const RolloutRow = Type.Object({
  district: Type.Object({
    id: uuid(),
    code: Type.String(),
    name: Type.String(),
    rolloutStartQuarter: orNull(Type.String()),
  }),
  ...RolloutFigures.properties,
});
export type RolloutRow = Static<typeof RolloutRow>;

export const RolloutPoint = Type.Object({
  day: day(),
  locksInstalled: count(),
  locksInUse: count(),
  customersKeyless: count(),
});
export type RolloutPoint = Static<typeof RolloutPoint>;

export const RolloutReport = Type.Object({
  asOf: day(),
  rows: Type.Array(RolloutRow),
  totals: RolloutFigures,
  history: Type.Array(RolloutPoint, { description: 'Month ends of the past year, then asOf.' }),
  nightAccess: Type.Array(CustomerNightAccess, {
    description: 'Customers behind a door that cannot be opened when their service comes (R2.6).',
  }),
});
export type RolloutReport = Static<typeof RolloutReport>;
