import type { Resource } from '../platform/policy';
import { checkGrantWithinEmployment, checkMembershipWithinEmployment } from '../access/index';
import { readWholeNumberSetting } from '../platform/whole-number-setting';
import type { DoorKind, EntityDefinition } from './registry';

/** A broken business rule, phrased for the person who sent the request. */
export interface RuleViolation {
  field: string;
  code: string;
  message: string;
  /**
   * The municipality's own bound a refusal names (`grant_too_long`: the longest grant in days), so
   * a client can say the number in its own words; sent in the 422's `details` (docs/api.md).
   */
  maxDays?: number;
}

type Row = Record<string, unknown>;

/** How long an individual grant may last when the municipality has not set `maxGrantDays`. */
export const defaultMaxGrantDays = 90;

/** A municipality's settings as they apply: a setting never changed shows its default. */
export function settingsWithDefaults(settings: Record<string, unknown>): Record<string, unknown> {
  return { maxGrantDays: defaultMaxGrantDays, ...settings };
}

/** The municipality's longest allowed individual grant, in days, from its settings. */
export function maxGrantDays(settings: Record<string, unknown> | undefined): number {
  return readWholeNumberSetting(settings?.maxGrantDays, defaultMaxGrantDays);
}

function toMillis(value: unknown): number | undefined {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

/** Why a piece of text is refused. */
export type TextProblem = 'blank' | 'bidi_control' | 'lone_surrogate' | 'control_character';

// Controls that reorder how text is shown (U+202E turns "Anna.exe" into "exe.annA" on screen):
// a name or label containing one can look like another record's in lists and audit entries.
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Half of a UTF-16 pair without the other half: not a character; PostgreSQL and browsers would
// replace or refuse it, so the stored text would differ from the text sent.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Nothing visible: spaces of any kind and invisible format characters only.
const blank = /^[\s\p{Cf}]+$/u;
// C0 and C1 controls (NUL included: PostgreSQL cannot store it in text). A line break in a name
// splits it across lines in lists, CSV exports and audit entries; a bell or escape is never meant.
const anyControl = /[\u0000-\u001F\u007F-\u009F]/;
// Free text that is written as paragraphs keeps its line breaks and tabs, nothing else.
const controlInFreeText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The fields whose text may run over several lines (docs/api.md "Text"): notes, descriptions,
 * comments, messages, reasons, a support case note's or deviation plan's body, a contact log
 * outcome and an import file's content, by the field's own name wherever it is in a body. Every
 * other text field (names, labels, titles, serials, usernames, addresses, codes) is one line.
 */
export const multiLineTextFields: ReadonlySet<string> = new Set([
  'note',
  'notes',
  'description',
  'comment',
  'message',
  'reason',
  'reasonText',
  'body',
  'outcome',
  'content',
]);

/**
 * Checks one piece of text a client sent. Empty text is left to each field's own rules; text of
 * only spaces, with bidirectional controls or with lone surrogates is refused everywhere, since
 * every text field ends up shown to a person as a name, label or reason; control characters are
 * refused everywhere except line feed, carriage return and tab in multi-line text.
 */
export function findTextProblem(
  text: string,
  options: { isMultiLine?: boolean } = {},
): TextProblem | undefined {
  if (loneSurrogate.test(text)) return 'lone_surrogate';
  if (bidiControl.test(text)) return 'bidi_control';
  if (text.length > 0 && blank.test(text)) return 'blank';
  if ((options.isMultiLine ? controlInFreeText : anyControl).test(text)) return 'control_character';
  return undefined;
}

/** Which lock types fit which doors: key safes and key tubes have their own hardware (R2.1). */
const lockTypeForDoor: Record<DoorKind, readonly string[]> = {
  apartment_door: ['cylinder_ring', 'inside_unit'],
  entrance: ['cylinder_ring', 'inside_unit'],
  key_safe: ['key_safe'],
  key_tube: ['key_tube'],
  laundry_room: ['cylinder_ring', 'inside_unit'],
  waste_room: ['cylinder_ring', 'inside_unit'],
  medicine_cabinet: ['cylinder_ring', 'inside_unit'],
  electrical_room: ['cylinder_ring', 'inside_unit'],
};

/** Which provider kinds can deliver which service. */
const providerKindsForService: Record<string, readonly string[]> = {
  home_care: ['day_home_care', 'night_patrol'],
  safety_alarm: ['alarm_patrol', 'night_patrol', 'day_home_care'],
  home_health_care: ['home_health_care'],
};

/**
 * Checks the rules that span more than one row. `candidate` is the row as it would be after the
 * write; `related` holds the rows its references point at (by field name), already loaded within
 * the actor's scope; `today` is the municipality's local day (YYYY-MM-DD, `localToday`). Returns
 * every violation; an empty list means the write may go ahead.
 */
export function checkRegistryRules(
  resource: Resource,
  candidate: Row,
  related: Record<string, Row | undefined>,
  today: string,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (field: string, code: string, message: string, bound: Pick<RuleViolation, 'maxDays'> = {}) =>
    violations.push({ field, code, message, ...bound });
  if (typeof candidate.validUntil === 'string' && typeof candidate.validFrom === 'string') {
    if (Date.parse(candidate.validUntil) <= Date.parse(candidate.validFrom)) {
      add('validUntil', 'ends_before_start', 'It must end after it starts.');
    }
  }
  switch (resource) {
    case 'lock_device': {
      const door = related.doorId;
      if (candidate.status === 'installed' && !candidate.doorId) {
        add('doorId', 'door_required', 'An installed lock must be on a door.');
      }
      if (door && !lockTypeForDoor[door.kind as DoorKind].includes(candidate.lockType as string)) {
        add(
          'lockType',
          'lock_type_mismatch',
          `A ${String(candidate.lockType)} lock does not fit a ${String(door.kind)}.`,
        );
      }
      break;
    }
    case 'team_membership': {
      const team = related.teamId;
      const staff = related.staffMemberId;
      if (team && staff && team.providerId !== staff.providerId) {
        add('staffMemberId', 'provider_mismatch', 'Staff can only join teams of their own provider.');
      }
      violations.push(...checkMembershipWithinEmployment(candidate, staff));
      break;
    }
    case 'digital_key': {
      const holder = related.holderStaffMemberId;
      if (holder && holder.providerId !== candidate.providerId) {
        add(
          'holderStaffMemberId',
          'provider_mismatch',
          'A key can only be held by staff of the provider that owns it.',
        );
      }
      if (holder && isEnded(holder.employmentEndsOn, today)) {
        add('holderStaffMemberId', 'employment_ended', 'The staff member no longer works here.');
      }
      break;
    }
    case 'door': {
      // A window from 06:00 to 06:00 says nothing: a whole day is 00:00–24:00 (R2.6).
      const hours = Array.isArray(candidate.openingHours) ? (candidate.openingHours as Row[]) : [];
      if (hours.some((window) => window.from === window.to)) {
        add('openingHours', 'empty_opening_window', 'A window must end at another time than it starts.');
      }
      break;
    }
    case 'customer': {
      const door = related.apartmentDoorId;
      if (door && door.kind !== 'apartment_door' && door.kind !== 'key_safe' && door.kind !== 'key_tube') {
        add(
          'apartmentDoorId',
          'not_an_apartment_door',
          'The apartment door must be an apartment door, key safe or key tube.',
        );
      }
      if (door && candidate.residencePropertyId && door.propertyId !== candidate.residencePropertyId) {
        add('apartmentDoorId', 'wrong_property', 'The apartment door must be in the customer’s residence.');
      }
      // Without the residence the door's building could not be checked against the home.
      if (candidate.apartmentDoorId && !candidate.residencePropertyId) {
        add(
          'residencePropertyId',
          'residence_required',
          'A customer with an apartment door needs a residence: the property the door is in.',
        );
      }
      // Area rules (the alarm patrol's) and the district's work go by the customer's district; one
      // that contradicts the home would let the wrong area's patrol in.
      const home = related.residencePropertyId;
      if (home && candidate.districtId && home.districtId !== candidate.districtId) {
        add(
          'districtId',
          'district_not_of_home',
          'The customer’s district must be the district of their residence; leave it out on a move and it follows the new home.',
        );
      }
      break;
    }
    case 'customer_service': {
      const provider = related.providerId;
      const kinds = (provider?.kinds as string[] | undefined) ?? [];
      const fitting = providerKindsForService[candidate.service as string] ?? [];
      if (provider && !kinds.some((kind) => fitting.includes(kind))) {
        add(
          'providerId',
          'provider_cannot_deliver',
          `${String(provider.name)} does not deliver ${String(candidate.service)}.`,
        );
      }
      if (isBefore(candidate.endsOn, candidate.startsOn)) {
        add('endsOn', 'ends_before_start', 'The service cannot end before it starts.');
      }
      break;
    }
    case 'staff_member': {
      if (isBefore(candidate.employmentEndsOn, candidate.employmentStartsOn)) {
        add('employmentEndsOn', 'ends_before_start', 'Employment cannot end before it starts.');
      }
      break;
    }
    case 'team_customer': {
      const team = related.teamId;
      if (team && !chosenProviders(related).includes(team.providerId as string)) {
        add('customerId', 'provider_not_chosen', 'The customer has not chosen this team’s provider (R3.2).');
      }
      break;
    }
    case 'access_grant': {
      const staff = related.staffMemberId;
      if (!candidate.customerId === !candidate.doorId) {
        add(
          'customerId',
          'grant_target_required',
          'Grant either a customer (all doors on the way in) or one door.',
        );
      }
      if (staff && candidate.customerId && !chosenProviders(related).includes(staff.providerId as string)) {
        add(
          'staffMemberId',
          'provider_not_chosen',
          'Only staff of a provider the customer has chosen can get access (R3.2).',
        );
      }
      violations.push(...checkGrantWithinEmployment(candidate, staff));
      // An individual grant is an exception to the teams; a long one would be a team membership
      // nobody reviews. Extending counts from the grant's start, so it cannot be stretched in steps.
      const maxDays = (related.grantPolicy?.maxDays as number | undefined) ?? defaultMaxGrantDays;
      const from = toMillis(candidate.validFrom);
      const until = toMillis(candidate.validUntil);
      if (from !== undefined && until !== undefined && until - from > maxDays * 86_400_000) {
        add(
          'validUntil',
          'grant_too_long',
          `An individual grant may last at most ${maxDays} days (a municipality setting); give a new grant when it ends.`,
          { maxDays },
        );
      }
      break;
    }
    case 'shared_door_grant': {
      const door = related.doorId;
      if (!candidate.teamId === !candidate.staffMemberId) {
        add('teamId', 'grant_target_required', 'Grant the door either to a team or to one staff member.');
      }
      if (door && !sharedDoorKinds.includes(door.kind as DoorKind)) {
        add(
          'doorId',
          'not_a_shared_door',
          'Only shared doors (laundry, waste room, medicine cabinet, electrical room) are granted this way.',
        );
      }
      break;
    }
    case 'area_rule': {
      const kinds = (related.teamProvider?.kinds as string[] | undefined) ?? [];
      if (related.teamProvider && !kinds.some((kind) => kind === 'alarm_patrol' || kind === 'night_patrol')) {
        add('teamId', 'not_an_alarm_patrol', 'Area rules are for alarm and night patrols.');
      }
      break;
    }
    default:
      break;
  }
  return violations;
}

/**
 * Rules about what a change does to other records that depend on the changed one. `dependents`
 * holds what the caller loaded: a provider's active services, a customer's path length, the
 * key's status before the change. Returns every violation.
 */
export function checkDependentRules(
  resource: Resource,
  before: Row,
  after: Row,
  dependents: { activeServices?: string[]; accessPathDoors?: number },
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (resource === 'provider' && dependents.activeServices) {
    const kinds = (after.kinds as string[] | undefined) ?? [];
    for (const service of dependents.activeServices) {
      const fitting = providerKindsForService[service] ?? [];
      if (!kinds.some((kind) => fitting.includes(kind))) {
        violations.push({
          field: 'kinds',
          code: 'provider_still_delivers',
          message: `The provider still delivers ${service} to customers; end those services first.`,
        });
      }
    }
  }
  if (resource === 'customer' && after.hasRefusedLock === true && (dependents.accessPathDoors ?? 0) > 0) {
    violations.push({
      field: 'hasRefusedLock',
      code: 'customer_has_access_path',
      message: 'Remove the doors from the customer’s access path before recording that they refused a lock.',
    });
  }
  if (resource === 'digital_key' && before.status !== 'active' && after.status === 'active') {
    violations.push({
      field: 'status',
      code: 'cannot_unblock',
      message: 'A blocked, lost or retired key stays on the locks’ block list; issue a new key instead.',
    });
  }
  return violations;
}

/**
 * Assignments that must not overlap in time for the same key (e.g. team and customer): one current
 * one is enough. An individual grant's key is its staff member and its customer or door, the unset
 * one counting as a value too; a customer's service is its customer, service and provider, judged
 * in days; a violation names the key's last set field.
 */
export const exclusiveAssignmentKeys: Partial<Record<Resource, readonly string[]>> = {
  team_customer: ['teamId', 'customerId'],
  team_membership: ['teamId', 'staffMemberId'],
  access_grant: ['staffMemberId', 'customerId', 'doorId'],
  customer_service: ['customerId', 'service', 'providerId'],
};

/**
 * Ending something "in the past" would rewrite what the record said about earlier access; a
 * minute's grace allows for the client's clock.
 */
export function checkEnding(before: Row, after: Row, now: Date): RuleViolation[] {
  const isEndChanged = typeof after.validUntil === 'string' && after.validUntil !== before.validUntil;
  if (!isEndChanged || Date.parse(after.validUntil as string) >= now.getTime() - 60_000) return [];
  return [
    { field: 'validUntil', code: 'ends_in_the_past', message: 'It can end now at the earliest, not before.' },
  ];
}

/**
 * Whether a change to a staff member leaves their employment ended on `today` (YYYY-MM-DD, local):
 * its last day is before today, so every key they hold is blocked at once. A last day of today or
 * later blocks nothing yet: the keys work through that day, and the employment-end sweep blocks
 * them once it has passed (server `blockKeysOfEndedEmployments`). Only a care-system import can
 * write a past end; a person's is refused (`checkDayEndTimes`).
 */
export function isEmploymentEndedByChange(before: Row | undefined, after: Row, today: string): boolean {
  return (
    hasEmploymentEnded(after.employmentEndsOn, today) && after.employmentEndsOn !== before?.employmentEndsOn
  );
}

/**
 * Whether a write sets an employment's last day or moves it earlier: the staff member's grants
 * that reach past it then end with it (server `endGrantsWithEmployment`), so none shows an access
 * nobody may use, and editing one does not trip over an end it no longer fits.
 */
export function isEmploymentEndBroughtForward(before: Row | undefined, after: Row): boolean {
  const end = after.employmentEndsOn;
  if (typeof end !== 'string') return false;
  const was = before?.employmentEndsOn;
  return typeof was !== 'string' || end < was;
}

/**
 * Values the system sets itself on create: who granted it, and a start of "now". Validity is kept
 * in whole minutes and a start is never rounded earlier than given; "from now" therefore means
 * from the start of this minute, so a new grant works at once.
 */
export function systemValuesOnCreate(
  entity: EntityDefinition,
  context: { actorLabel: string; now: Date },
): Row {
  const values: Row = {};
  if ('grantedBy' in entity.fields) values.grantedBy = context.actorLabel;
  if ('validFrom' in entity.fields) {
    values.validFrom = new Date(Math.floor(context.now.getTime() / 60_000) * 60_000).toISOString();
  }
  return values;
}

/** Whether a staff member's employment has ended on `today` (YYYY-MM-DD, local date). */
export function hasEmploymentEnded(employmentEndsOn: unknown, today: string): boolean {
  return typeof employmentEndsOn === 'string' && employmentEndsOn < today;
}

/** Doors shared by a building's residents or staff, granted explicitly rather than via customers. */
export const sharedDoorKinds: readonly DoorKind[] = [
  'laundry_room',
  'waste_room',
  'medicine_cabinet',
  'electrical_room',
];

function chosenProviders(related: Record<string, Row | undefined>): string[] {
  return (related.customerProviders?.ids as string[] | undefined) ?? [];
}

/** ISO dates compare correctly as text; anything else (null, absent) is never "before". */
function isBefore(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a < b;
}

function isEnded(endsOn: unknown, today: string): boolean {
  return typeof endsOn === 'string' && endsOn < today;
}

/**
 * Checks an access path: the doors a staff member passes on the way in to `customer` (R3.4).
 * Doors must be distinct and in the customer's residence, and the path must end at the
 * customer's own door (their apartment door, key safe or key tube), never at someone else's.
 */
export function checkAccessPath(
  doors: Array<{ id: string; kind: string; propertyId?: string }>,
  customer: {
    apartmentDoorId?: string | null;
    residencePropertyId?: string | null;
    hasRefusedLock?: boolean;
  } = {},
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const add = (code: string, message: string) => violations.push({ field: 'doorIds', code, message });
  if (doors.length === 0) return violations;
  if (customer.hasRefusedLock)
    add('customer_refused_lock', 'The customer has refused a lock; no doors can be added (R6.2).');
  const seen = new Set<string>();
  for (const door of doors) {
    if (seen.has(door.id)) add('duplicate_door', 'A door appears twice on the path.');
    seen.add(door.id);
    if (customer.residencePropertyId && door.propertyId && door.propertyId !== customer.residencePropertyId) {
      add('door_outside_residence', 'Every door on the path must be in the customer’s residence.');
    }
  }
  const last = doors.at(-1)!;
  if (!['apartment_door', 'key_safe', 'key_tube'].includes(last.kind)) {
    add('path_must_end_at_home', 'The path must end at the apartment door, a key safe or a key tube.');
  } else if (customer.apartmentDoorId !== undefined && last.id !== customer.apartmentDoorId) {
    add(
      'path_must_end_at_customer_door',
      'The path must end at this customer’s own door (set the apartment door first).',
    );
  }
  return violations;
}
