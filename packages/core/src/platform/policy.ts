import type { Actor } from './roles';
import { manage, oversight, readAll, work, type Action, type ResourcePolicy } from './grants';
import type { ServicePeriod } from './service-period';
import { supportPolicies, supportResources } from './support-policy';

export * from './service-period';

/** Everything in the registry and administration API that access is decided for. */
export const resources = [
  'municipality',
  'district',
  'property_owner',
  'property',
  'door',
  'customer',
  'customer_service',
  'access_path',
  'provider',
  'team',
  'team_membership',
  'staff_member',
  'lock_device',
  'digital_key',
  'team_customer',
  'area_rule',
  'access_grant',
  'shared_door_grant',
  'permission_check',
  'device_enrolment',
  'issuer_key',
  'block_list',
  'user_account',
  'api_token',
  'oidc_config',
  'audit_entry',
  'device_event',
  'event_finding',
  'event_report',
  'event_read_log',
  'legal_hold',
  'visit',
  'work_shift',
  'planned_visit',
  'granted_time',
  'compensation_run',
  'alarm',
  'break_glass',
  'locksmith_company',
  'work_order',
  'lock_consent',
  'provider_introduction',
  'property_owner_contact',
  'consent_request',
  'battery_forecast',
  'rollout',
  'relative_invitation',
  'relative_read_log',
  'relative_visit_list',
  'webhook_subscription',
  'care_system_import',
  ...supportResources,
] as const;
export type Resource = (typeof resources)[number];

export type { Action } from './grants';

/**
 * How far a grant reaches. `municipality`: everything of the actor's municipality; `provider`:
 * only what belongs to the actor's provider; `owner`: only the actor's property owner's
 * properties; `self`: only the actor's own staff record and keys; `assignee`: only what is
 * assigned to the actor's account or to the locksmith company it works for (installers' work
 * orders, DESIGN §2).
 */
export type ScopeKind = 'municipality' | 'provider' | 'owner' | 'self' | 'assignee';

export type Scope =
  | { kind: 'municipality'; municipalityId: string }
  | {
      kind: 'provider';
      municipalityId: string;
      providerId: string;
      /** Which customers count as the provider's; from today on when not given. */
      servedDuring?: ServicePeriod;
    }
  | { kind: 'owner'; municipalityId: string; propertyOwnerId: string }
  | { kind: 'self'; municipalityId: string; staffMemberId: string; providerId: string }
  | { kind: 'assignee'; municipalityId: string; userId: string; locksmithCompanyId: string | null };

/** Properties and their doors, one rule for both: who may see or manage a property may do the same with its doors. */
const buildingPolicy: ResourcePolicy = {
  municipality_admin: manage(),
  lock_manager: manage(),
  installer: readAll(),
  support: readAll(),
  auditor: readAll(),
  property_owner: readAll('owner'),
};

/** Customers and their services, one rule for both: who may see a customer may see what they get. */
const customerPolicy: ResourcePolicy = {
  municipality_admin: manage(),
  lock_manager: readAll(),
  support: readAll(),
  auditor: readAll(),
  work_lead: readAll('provider'),
};

const visitPolicy: ResourcePolicy = {
  municipality_admin: work(),
  support: readAll(),
  auditor: readAll(),
  work_lead: work('provider'),
  staff: readAll('self'),
};

/**
 * Teams, who is in them, and the permission facts (R3) that say which team or staff member may
 * open what: the municipality manages all, a work lead its own provider's; oversight reads why.
 */
const providerManagedPolicy: ResourcePolicy = {
  municipality_admin: manage(),
  support: readAll(),
  auditor: readAll(),
  work_lead: manage('provider'),
};

/** Property owners and reaching them (R7): lock managers keep the register; an owner reads its own. */
const ownerPolicy: ResourcePolicy = {
  municipality_admin: manage(),
  lock_manager: manage(),
  support: readAll(),
  auditor: readAll(),
  property_owner: readAll('owner'),
};

const carePlanPolicy: ResourcePolicy = {
  municipality_admin: work(),
  support: readAll(),
  auditor: readAll(),
  work_lead: readAll('provider'),
};

/**
 * The one table of who may do what. Anything not listed is denied. Reads by municipality-wide
 * oversight roles (support, auditor) are read-only; provider roles never reach beyond their
 * provider; property owners never see customers or apartment doors (R2.7).
 */
export const policy: Record<Resource, ResourcePolicy> = {
  municipality: {
    municipality_admin: { read: 'municipality', update: 'municipality' },
    lock_manager: readAll(),
    installer: readAll(),
    work_lead: readAll(),
    staff: readAll(),
    support: readAll(),
    auditor: readAll(),
    property_owner: readAll(),
  },
  district: {
    municipality_admin: manage(),
    lock_manager: readAll(),
    installer: readAll(),
    work_lead: readAll(),
    support: readAll(),
    auditor: readAll(),
  },
  property_owner: ownerPolicy,
  property: buildingPolicy,
  door: buildingPolicy,
  customer: customerPolicy,
  customer_service: customerPolicy,
  access_path: {
    municipality_admin: { read: 'municipality', update: 'municipality' },
    lock_manager: { read: 'municipality', update: 'municipality' },
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  provider: {
    municipality_admin: manage(),
    lock_manager: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
    staff: readAll('provider'),
  },
  team: providerManagedPolicy,
  team_membership: providerManagedPolicy,
  staff_member: {
    municipality_admin: manage(),
    support: readAll(),
    auditor: readAll(),
    work_lead: manage('provider'),
    staff: readAll('self'),
  },
  lock_device: {
    municipality_admin: manage(),
    lock_manager: manage(),
    installer: work(),
    support: readAll(),
    auditor: readAll(),
    property_owner: readAll('owner'),
  },
  digital_key: {
    municipality_admin: manage(),
    lock_manager: manage(),
    support: readAll(),
    auditor: readAll(),
    work_lead: manage('provider'),
    staff: readAll('self'),
  },
  // Permission facts (R3): management decides, support and auditors can see why.
  team_customer: providerManagedPolicy,
  area_rule: providerManagedPolicy,
  access_grant: providerManagedPolicy,
  shared_door_grant: providerManagedPolicy,
  // "Who may open what, and why": for support and audit, and for work leads about their staff.
  permission_check: {
    municipality_admin: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // Devices speak the protocol with their own keys; who may enrol which (DESIGN §5).
  device_enrolment: {
    municipality_admin: manage(),
    lock_manager: manage(),
    installer: { read: 'municipality', create: 'municipality' },
    support: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', create: 'provider', delete: 'provider' },
  },
  issuer_key: {
    municipality_admin: { read: 'municipality', update: 'municipality' },
    lock_manager: readAll(),
    support: readAll(),
    auditor: readAll(),
  },
  block_list: oversight(),
  user_account: {
    municipality_admin: manage(),
  },
  api_token: {
    municipality_admin: { read: 'municipality', create: 'municipality', delete: 'municipality' },
  },
  // Sign-in through the municipality's identity provider (docs/oidc.md): only its admin configures it.
  oidc_config: {
    municipality_admin: { read: 'municipality', update: 'municipality' },
  },
  audit_entry: {
    municipality_admin: readAll(),
    auditor: readAll(),
  },
  // The event log (R4, docs/event-log.md). Work leads see their provider's staff and keys and
  // their provider's customers' doors (other providers' staff masked there); lock managers see
  // lock and door events without who opened (R10.3); property owners and staff see none.
  device_event: {
    municipality_admin: readAll(),
    support: readAll(),
    auditor: readAll(),
    lock_manager: readAll(),
    work_lead: readAll('provider'),
  },
  // Integrity findings (gaps, rejected batches, alterations) name devices, not people.
  event_finding: oversight(),
  // Visit lists for relatives, the provider audit, anomalies.
  event_report: {
    municipality_admin: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // Who read whose events: for oversight only.
  event_read_log: {
    municipality_admin: readAll(),
    auditor: readAll(),
  },
  legal_hold: {
    municipality_admin: { read: 'municipality', create: 'municipality', delete: 'municipality' },
    auditor: readAll(),
  },
  // Visit registration (R5, docs/visits.md): work leads register, correct and approve their own
  // provider's visits; staff see their own; versions are never deleted, so nobody deletes.
  visit: visitPolicy,
  work_shift: visitPolicy,
  // What the care system plans and grants: imported by the municipality.
  planned_visit: carePlanPolicy,
  granted_time: carePlanPolicy,
  // The monthly run is the municipality's; a provider sees its own runs, an auditor all.
  compensation_run: {
    municipality_admin: { read: 'municipality', create: 'municipality' },
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // Alarms come from the alarm receiver (an API token of the municipality); response times are
  // for oversight, and for a provider about its own staff.
  alarm: {
    municipality_admin: { read: 'municipality', create: 'municipality' },
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // Break-glass windows and the openings made in them (visit-window mode): the work lead of the
  // alarm-serving provider reviews each opening; oversight reads.
  break_glass: {
    municipality_admin: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', update: 'provider' },
  },
  // The lock lifecycle (R6–R8, docs/work-orders.md, consents.md, batteries.md, rollout.md). Installers work for the municipality or
  // for a locksmith company; the municipality keeps the register of both.
  locksmith_company: {
    municipality_admin: manage(),
    lock_manager: manage(),
    installer: readAll(),
    support: readAll(),
    auditor: readAll(),
  },
  // Lock managers plan; an installer sees and works only the orders assigned to them or their
  // company; a work lead sees the orders on the way in to the provider's customers.
  work_order: {
    municipality_admin: work(),
    lock_manager: work(),
    installer: { read: 'assignee', update: 'assignee' },
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // The customer's own consent to a lock, or refusal (R6.2): recorded, never changed.
  lock_consent: {
    municipality_admin: { read: 'municipality', create: 'municipality' },
    lock_manager: { read: 'municipality', create: 'municipality' },
    support: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  // A provider taken into use for a customer's locks (R8.4): the provider says so itself.
  provider_introduction: {
    municipality_admin: { read: 'municipality', create: 'municipality', delete: 'municipality' },
    lock_manager: { read: 'municipality', create: 'municipality' },
    support: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', create: 'provider' },
  },
  // Reaching property owners (R7): contacts, the contact log, consent requests and answers.
  property_owner_contact: ownerPolicy,
  consent_request: ownerPolicy,
  // Derived views over locks, doors and districts: names no person.
  battery_forecast: { ...oversight(), installer: readAll() },
  rollout: oversight(),
  // Relatives' self-service (R4.4, docs/relatives.md): the customer's work lead (or the
  // municipality) invites and withdraws; oversight and the work lead see who read what. A relative
  // reads only the visit list of the one customer its account was invited for: the `assignee`
  // scope, since the customer is bound to the relative's own account, not to a provider.
  relative_invitation: {
    municipality_admin: work(),
    work_lead: work('provider'),
  },
  relative_read_log: {
    municipality_admin: readAll(),
    auditor: readAll(),
    work_lead: readAll('provider'),
  },
  relative_visit_list: {
    relative: readAll('assignee'),
  },
  // Webhooks (docs/webhooks.md): a subscription reaches what its subscriber may read; a work lead's
  // its provider's, a property owner's its properties' shared doors (R2.7), the municipality all.
  webhook_subscription: {
    municipality_admin: manage(),
    work_lead: manage('provider'),
    property_owner: manage('owner'),
  },
  // Imports from the care system (docs/imports.md): the municipality's registry as a whole, so
  // only its administrator imports; work leads keep typing their own teams in the console.
  care_system_import: {
    municipality_admin: { read: 'municipality', create: 'municipality' },
    auditor: readAll(),
  },
  ...supportPolicies,
};

/**
 * Decides whether `actor` may perform `action` on `resource`, and within which scope. Returns
 * null when denied. Fails closed: a provider-scoped grant to an actor without a provider, or a
 * write by a read-only token, is denied.
 */
export function decideAccess(actor: Actor, resource: Resource, action: Action): Scope | null {
  if (action !== 'read' && actor.isReadOnly) return null;
  const kind = policy[resource][actor.role]?.[action];
  if (!kind) return null;
  const municipalityId = actor.municipalityId;
  switch (kind) {
    case 'municipality':
      return { kind, municipalityId };
    case 'provider':
      return actor.providerId ? { kind, municipalityId, providerId: actor.providerId } : null;
    case 'owner':
      return actor.propertyOwnerId ? { kind, municipalityId, propertyOwnerId: actor.propertyOwnerId } : null;
    case 'self':
      return actor.staffMemberId && actor.providerId
        ? { kind, municipalityId, staffMemberId: actor.staffMemberId, providerId: actor.providerId }
        : null;
    case 'assignee':
      // Tokens are not people: nothing is assigned to one.
      return actor.kind === 'user'
        ? { kind, municipalityId, userId: actor.id, locksmithCompanyId: actor.locksmithCompanyId ?? null }
        : null;
  }
}

/** Returns whether the actor may do anything at all with the resource (for 403 versus 404). */
export function canAccessResource(actor: Actor, resource: Resource): boolean {
  return policy[resource][actor.role] !== undefined;
}

/**
 * Fields that a scope sees in place of another (R2.7). Serials are handed out in sequence, so
 * the gaps between the serials of a property owner's shared-door locks would reveal apartment
 * locks installed in between; owners therefore see each lock's random owner reference where
 * others see its serial, in answers, filters, search and sort alike.
 */
export function substitutedField(resource: Resource, scopeKind: ScopeKind, field: string): string {
  if (resource === 'lock_device' && scopeKind === 'owner' && field === 'serial') return 'ownerReference';
  return field;
}
