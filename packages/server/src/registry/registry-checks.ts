// Checks a registry write shares between create, update and the registry hooks: references
// within the actor's scope, the rules of core, and the identity number sealed before storing.
import {
  checkDayEndTimes,
  checkKeyStatusReason,
  checkPermissionFactTimes,
  checkRegistryRules,
  decideAccess,
  findDistrictAfterMove,
  findEntity as findEntityDefinition,
  localToday,
  maxGrantDays,
  type Actor,
  type EntityDefinition,
  type RuleViolation,
} from '@portvakt/core';
import {
  findEntity,
  findMunicipality,
  findSameSerial,
  isDoorWithinProviderReach,
  listChosenProviderIds,
  type Queryable,
  type Row,
  type WriteValues,
} from '@portvakt/storage';
import { ApiError, ruleCode } from '../platform/errors';
import { normaliseIdentityNumber, type FieldCrypto } from '../platform/secrets';

/** Refuses a write with 422 and the first rule's code when any rule is broken. */
export function throwOnViolations(violations: RuleViolation[]): void {
  if (violations.length === 0) return;
  throw new ApiError(
    422,
    ruleCode(violations[0]!.code),
    violations.map((v) => v.message).join(' '),
    violations,
  );
}

/**
 * Reference fields must point at rows the actor can see (or, for resources the role cannot read
 * at all, at rows of the actor's own municipality). Returns the referenced rows for rule checks.
 */
async function loadReferences(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  candidate: Row,
): Promise<Record<string, Row | undefined>> {
  const related: Record<string, Row | undefined> = {};
  // A provider's work lead cannot read doors, yet names them in grants: only doors within the
  // provider's reach, or the write would place their staff at, and explain to them, the door of
  // a customer they do not serve (R2).
  const writerScope = decideAccess(actor, entity.resource, 'read');
  for (const [field, def] of Object.entries(entity.fields)) {
    if (def.kind.type !== 'uuid') continue;
    const id = candidate[field];
    if (typeof id !== 'string') continue;
    const target = findEntityDefinition(def.kind.references);
    const scope = decideAccess(actor, target.resource, 'read') ?? {
      kind: 'municipality' as const,
      municipalityId: actor.municipalityId,
    };
    const isReachable =
      target.resource !== 'door' ||
      writerScope?.kind !== 'provider' ||
      (await isDoorWithinProviderReach(db, writerScope, id));
    const row = isReachable ? await findEntity(db, target, scope, id) : undefined;
    if (!row) {
      throw new ApiError(422, 'unknown_reference', `No ${target.label} with id ${id}.`, { field });
    }
    related[field] = row;
  }
  // R3.2 rules need to know whom the customer has chosen, and area rules the team's provider.
  if (typeof candidate.customerId === 'string' && entity.resource !== 'customer_service') {
    related.customerProviders = {
      ids: await listChosenProviderIds(db, actor.municipalityId, candidate.customerId),
    };
  }
  // The longest individual grant is the municipality's setting (maxGrantDays).
  if (entity.resource === 'access_grant') {
    const municipality = await findMunicipality(db, actor.municipalityId);
    related.grantPolicy = { maxDays: maxGrantDays(municipality?.settings) };
  }
  if (entity.resource === 'area_rule' && related.teamId) {
    related.teamProvider = await findEntity(
      db,
      findEntityDefinition('provider'),
      { kind: 'municipality', municipalityId: actor.municipalityId },
      related.teamId.providerId as string,
    );
  }
  return related;
}

/**
 * Checks `candidate` (the row as it would be after the write) against core's registry rules, on
 * the local day of `now` (the request's clock).
 */
export async function checkCandidate(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  candidate: Row,
  now: Date,
): Promise<void> {
  const related = await loadReferences(db, actor, entity, candidate);
  // Rules first, so the person gets the rule's own words rather than a constraint name.
  throwOnViolations(checkRegistryRules(entity.resource, candidate, related, localToday(now)));
}

/**
 * A grant or team membership written by a person starts now (today) at the earliest, and a moved
 * start too; an unchanged one is not judged again; once begun its start stays, once ended its end
 * (core `checkPermissionFactTimes`). An employment's or a customer's service's end is today at the
 * earliest and, once passed, stays (core `checkDayEndTimes`). Care-system imports do not come
 * here: they bring the history the care system already holds.
 */
export function checkPermissionTimes(
  entity: EntityDefinition,
  before: Row | undefined,
  after: Row,
  now: Date,
): void {
  throwOnViolations([
    ...checkPermissionFactTimes(entity.resource, before, after, now),
    ...checkDayEndTimes(entity.resource, before, after, localToday(now)),
  ]);
}

/**
 * What a write must carry in the fields it sets, judged on the change rather than on the row it
 * makes: a key blocked or reported lost carries its reason in the same change (core
 * `checkKeyStatusReason`, 422 `reason_required` on `statusReason`). `before` is undefined on create.
 */
export function checkWrittenValues(
  entity: EntityDefinition,
  before: Row | undefined,
  values: WriteValues,
): void {
  throwOnViolations(checkKeyStatusReason(entity.resource, before, values));
}

const serialResources = new Set(['digital_key', 'lock_device'] as const);

/**
 * A key's or lock's serial is the same serial whatever its case (migration 0061): a new or changed
 * serial that another row of the municipality already has is 409 `already_exists` on `serial`,
 * naming the serial already there. The unique index answers the same to a write that races this.
 */
export async function refuseTakenSerial(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  change: { values: WriteValues; id?: string },
): Promise<void> {
  const resource = entity.resource as 'digital_key' | 'lock_device';
  const serial = change.values.serial;
  if (!serialResources.has(resource) || typeof serial !== 'string') return;
  const taken = await findSameSerial(db, resource, actor.municipalityId, serial, change.id);
  if (taken === undefined) return;
  throw new ApiError(
    409,
    'already_exists',
    `There is already a ${entity.label} with the serial ${taken}${taken === serial ? '' : ' (serials are the same whatever their case)'}.`,
    { field: 'serial' },
  );
}

/**
 * Values a write implies but does not name, added to `values` before the rules see them: a customer
 * who moves to another building takes the new home's district (core `findDistrictAfterMove`).
 */
export async function addImpliedValues(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  before: Row | undefined,
  values: WriteValues,
): Promise<void> {
  if (entity.resource !== 'customer' || typeof values.residencePropertyId !== 'string') return;
  const newHome = await findEntity(
    db,
    findEntityDefinition('property'),
    { kind: 'municipality', municipalityId: actor.municipalityId },
    values.residencePropertyId,
  );
  const districtId = findDistrictAfterMove(before, values, newHome);
  if (districtId) values.districtId = districtId;
}

/** A personnummer in its one stored form; 400 `invalid_identity_number` when it is none. */
export function normaliseIdentityNumberOrThrow(raw: unknown, details?: unknown): string {
  const normalised = typeof raw === 'string' ? normaliseIdentityNumber(raw) : undefined;
  if (!normalised) {
    throw new ApiError(
      400,
      'invalid_identity_number',
      'The identity number is not a valid personnummer.',
      details,
    );
  }
  return normalised;
}

/** Moves a write-only identity number into its encrypted and lookup columns. */
export function sealIdentityNumber(fieldCrypto: FieldCrypto, values: WriteValues): void {
  if (!('identityNumber' in values)) return;
  const raw = values.identityNumber;
  delete values.identityNumber;
  if (raw === null) {
    values.identityNumberEncrypted = null;
    values.identityNumberLookup = null;
    return;
  }
  const normalised = normaliseIdentityNumberOrThrow(raw, { field: 'identityNumber' });
  values.identityNumberEncrypted = fieldCrypto.encrypt(normalised);
  values.identityNumberLookup = fieldCrypto.lookupHash(normalised);
}
