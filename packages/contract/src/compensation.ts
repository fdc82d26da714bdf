// Compensation runs (docs/visits.md "Compensation"): a provider's month of visits priced by band
// and rate, versioned with the diff against the run before, and time given against granted.
import { Type, type Static } from 'typebox';
import { month, orNull, timestamp, uuid } from './schema-parts';

const Month = month();

export const CreateCompensationRunsBody = Type.Object(
  { month: Month, providerId: Type.Optional(uuid()) },
  { additionalProperties: false },
);

export const GivenVersusGranted = Type.Object({
  customerId: uuid(),
  service: Type.String(),
  givenMinutes: Type.Integer(),
  grantedMinutes: orNull(Type.Integer()),
});

export const CompensationRun = Type.Object({
  id: uuid(),
  providerId: uuid(),
  providerName: Type.String(),
  month: Type.String(),
  version: Type.Integer(),
  hash: Type.String({ description: 'SHA-256 of the run’s canonical JSON (docs/visits.md).' }),
  totalAmountOre: Type.Integer(),
  heldBackVisitIds: Type.Array(uuid()),
  lateVisitIds: Type.Array(uuid()),
  createdBy: Type.String(),
  createdAt: timestamp(),
});
export type CompensationRun = Static<typeof CompensationRun>;

export const CompensationRunList = Type.Object({ items: Type.Array(CompensationRun) });

export const CompensationLine = Type.Object({
  customerId: uuid(),
  customerName: Type.String(),
  service: Type.String(),
  band: Type.String(),
  customerMinutes: Type.Integer(),
  staffMinutes: Type.Integer(),
  perHour: Type.Number(),
  amountOre: Type.Integer(),
  visitIds: Type.Array(uuid()),
});

/** What changed against the version before: lines by customer, service, band and rate. */
export const CompensationDiff = Type.Object({
  previousVersion: Type.Integer(),
  added: Type.Integer(),
  removed: Type.Integer(),
  changed: Type.Integer(),
  amountDeltaOre: Type.Integer(),
});

export const CompensationRunDetail = Type.Object({
  run: CompensationRun,
  lines: Type.Array(CompensationLine),
  givenVersusGranted: Type.Array(GivenVersusGranted),
  diff: orNull(CompensationDiff),
});
export type CompensationRunDetail = Static<typeof CompensationRunDetail>;

/** Time given against granted for a month (docs/visits.md "Time given against granted"). */
export const GivenVersusGrantedQuery = Type.Object(
  {
    month: Month,
    // The municipality may narrow to one provider; a work lead's is always their own.
    providerId: Type.Optional(uuid()),
  },
  { additionalProperties: false },
);

export const GivenVersusGrantedRow = Type.Object({
  providerId: uuid(),
  providerName: Type.String(),
  customerId: uuid(),
  customerName: Type.String(),
  service: Type.String(),
  grantedMinutes: orNull(Type.Integer({ description: 'Null: given without a decision for the service.' })),
  givenMinutes: Type.Integer({ description: 'Customer time paid in the run: a visit counts once.' }),
  differenceMinutes: orNull(Type.Integer({ description: 'Given − granted; negative is a shortfall.' })),
  givenPercent: orNull(Type.Integer({ description: 'Given as a percentage of granted.' })),
});
export type GivenVersusGrantedRow = Static<typeof GivenVersusGrantedRow>;

export const GivenVersusGrantedReport = Type.Object({
  month: Type.String(),
  /** The run each provider's figures come from: its latest version of the month. */
  runs: Type.Array(
    Type.Object({
      id: uuid(),
      providerId: uuid(),
      providerName: Type.String(),
      version: Type.Integer(),
      createdAt: timestamp(),
    }),
  ),
  /** Largest shortfall first. */
  items: Type.Array(GivenVersusGrantedRow),
});
export type GivenVersusGrantedReport = Static<typeof GivenVersusGrantedReport>;

export const CompensationRunQuery = Type.Object(
  { month: Type.Optional(Month) },
  { additionalProperties: false },
);
