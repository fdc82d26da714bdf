// The policy of support, emergency opening, deviation plans, key cabinets, backup keys and key
// returns (issue #13: R9, R8.3, R11.2; docs/support.md, docs/backup-keys.md), kept beside the
// main table in policy.ts, which spreads it in.
import { manage, oversight, readAll, work, type ResourcePolicy } from './grants';

export const supportResources = [
  'support_case',
  'emergency_opening',
  'emergency_sla',
  'deviation_plan',
  'key_cabinet',
  'key_cabinet_take',
  'backup_key',
  'key_return_readiness',
  'keys_held',
] as const;
export type SupportResource = (typeof supportResources)[number];

export const supportPolicies: Record<SupportResource, ResourcePolicy> = {
  // A case is read by whoever raised it (their provider, property owner or locksmith company) and by support.
  support_case: {
    municipality_admin: work(),
    lock_manager: work(),
    support: work(),
    auditor: readAll(),
    work_lead: work('provider'),
    staff: { read: 'self', create: 'self' },
    installer: work('assignee'),
    property_owner: { read: 'owner', create: 'owner' },
  },
  // Staff who cannot get in report it; support assigns the locksmith; the locksmith's company sees its own.
  emergency_opening: {
    municipality_admin: work(),
    support: work(),
    lock_manager: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', create: 'provider' },
    staff: { read: 'self', create: 'self' },
    installer: readAll('assignee'),
  },
  emergency_sla: oversight(),
  // What a provider's staff do when digital access fails: the provider writes, the municipality approves.
  deviation_plan: {
    municipality_admin: work(),
    support: readAll(),
    lock_manager: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', create: 'provider' },
    staff: readAll('self'),
  },
  // Cabinets, the keys in them and their takes belong to a provider; property owners see none of it.
  key_cabinet: {
    municipality_admin: manage(),
    lock_manager: manage(),
    support: readAll(),
    auditor: readAll(),
    work_lead: work('provider'),
  },
  key_cabinet_take: {
    municipality_admin: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: work('provider'),
    staff: { read: 'self', create: 'self' },
  },
  backup_key: {
    municipality_admin: work(),
    support: readAll(),
    auditor: readAll(),
    work_lead: work('provider'),
    staff: readAll('self'),
  },
  key_return_readiness: {
    municipality_admin: { read: 'municipality', create: 'municipality' },
    lock_manager: readAll(),
    support: readAll(),
    auditor: readAll(),
    work_lead: { read: 'provider', create: 'provider' },
  },
  keys_held: { ...oversight(), work_lead: readAll('provider') },
};
