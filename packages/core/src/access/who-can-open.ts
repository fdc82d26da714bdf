// Who can open a customer's doors (docs/permissions.md "Who can open").
import type { DoorKind } from '../registry/index';
import { explainNodes } from './explain';
import type { PermissionReason } from './reason-params';
import type { CustomerNode, PermissionIndex, StaffNode, TeamNode } from './permission-index';

/** One door on a customer's way in, as the index knows it. */
export interface PathDoor {
  doorId: string;
  label: string;
  kind: DoorKind;
  /** The installed lock, if any. */
  lockId: string | null;
}

/** The doors on the way in to a customer, in path order (empty for an unknown customer). */
export function accessPathOf(index: PermissionIndex, customerId: string): PathDoor[] {
  return (index.customers.get(customerId)?.path ?? []).map((door) => ({
    doorId: door.id,
    label: door.label,
    kind: door.kind,
    lockId: door.lock?.id ?? null,
  }));
}

function addMembers(connected: Set<StaffNode>, team: TeamNode): void {
  for (const member of team.members) connected.add(member);
}

/** Staff of a provider the customer chose (narrowed to `providerId`), or holding a grant for them. */
function isCandidate(customer: CustomerNode, staff: StaffNode, providerId: string | undefined): boolean {
  return (
    (providerId === undefined || staff.provider.id === providerId) &&
    (customer.servicesByProvider.has(staff.provider.id) || customer.grantHolders.includes(staff))
  );
}

/** One staff member who may open a lock at the asked instant, with every rule that allows it. */
export interface LockOpener {
  staffId: string;
  name: string;
  providerId: string;
  reasons: PermissionReason[];
}

/**
 * Who may open each of `lockIds` (the locks on customer `customerId`'s way in) at `at`, and why.
 * Candidates are the staff of a provider the customer has chosen (for any service, ended ones
 * too) and the holders of an individual grant for the customer; `providerId` narrows them to one
 * provider's staff (a work lead never sees another provider's people). Must hold: the answer
 * equals explaining (for this customer) every candidate against every lock and keeping the allowed ones, in the facts'
 * staff order. It is cheap because only staff with some connection to the lock's door are
 * explained: members of teams assigned to a customer behind the door or holding an area rule for
 * such a customer's district, holders of grants for those customers, and holders of the door's
 * own grants; nobody else can be allowed (explain allows only through these). The reasons are
 * about this customer: another customer behind a shared door is never named. An unknown customer
 * or lock gets an empty list.
 */
export function whoCanOpen(
  index: PermissionIndex,
  customerId: string,
  lockIds: readonly string[],
  at: Date | number,
  options: { providerId?: string | undefined } = {},
): Map<string, LockOpener[]> {
  const answer = new Map<string, LockOpener[]>();
  const atMs = typeof at === 'number' ? at : at.getTime();
  const customer = index.customers.get(customerId);
  for (const lockId of lockIds) {
    if (answer.has(lockId)) continue;
    const lock = index.locks.get(lockId);
    if (!customer || !lock) {
      answer.set(lockId, []);
      continue;
    }
    const connected = new Set<StaffNode>();
    for (const behind of lock.door.customers) {
      for (const team of behind.teams) addMembers(connected, team);
      for (const team of index.areaTeams.get(behind.districtId) ?? []) addMembers(connected, team);
      for (const holder of behind.grantHolders) connected.add(holder);
    }
    for (const grant of lock.door.grants) {
      if (grant.staff) connected.add(grant.staff);
      else addMembers(connected, grant.team!);
    }
    const candidates = [...connected].filter((staff) => isCandidate(customer, staff, options.providerId));
    const openers: LockOpener[] = [];
    for (const staff of candidates.sort((a, b) => a.ordinal - b.ordinal)) {
      // Most candidates are allowed (about 85 % at Stockholm scale), so they are explained
      // directly; a denied one comes back without worded reasons.
      const result = explainNodes(index, staff, lock, atMs, customer, true);
      if (!result.isAllowed) continue;
      openers.push({
        staffId: staff.id,
        name: staff.name,
        providerId: staff.provider.id,
        reasons: result.reasons,
      });
    }
    answer.set(lockId, openers);
  }
  return answer;
}
