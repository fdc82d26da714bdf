// What each export holds and who may have which part of it (docs/exports.md). An export is a
// read: its parts are the registry resources of the API, each read with the caller's own scope,
// and a part the caller may not read is left out, exactly as its list route would refuse it.
import { judgePeriodOrder } from '../platform/period-rules';
import { decideAccess, type Resource } from '../platform/policy';
import type { Actor } from '../platform/roles';
import { registryEntities } from '../registry';

/** Permissions as granted (R3): the facts the lock lists are compiled from, not the compiled lists. */
export const permissionResources: readonly Resource[] = [
  'team_customer',
  'area_rule',
  'access_grant',
  'shared_door_grant',
];

/** One part of an export: its name in the file (the API's path segment) and its resource. */
export interface ExportPart {
  kind: string;
  resource: Resource;
}

/**
 * The parts of a registry or permissions export in file order: every registry entity but the
 * permission facts, then the lock lifecycle's work orders (an installer's are only theirs); or
 * the four permission facts.
 */
export function listExportParts(what: 'registry' | 'permissions'): ExportPart[] {
  const isPermission = (resource: Resource) => permissionResources.includes(resource);
  const entities = registryEntities
    .filter((entity) => isPermission(entity.resource) === (what === 'permissions'))
    .map((entity) => ({ kind: entity.path, resource: entity.resource }));
  return what === 'registry' ? [...entities, { kind: 'work-orders', resource: 'work_order' }] : entities;
}

/** The parts `actor` may read: those whose resource the policy grants them `read` on. */
export function listReadableExportParts(actor: Actor, what: 'registry' | 'permissions'): ExportPart[] {
  return listExportParts(what).filter((part) => decideAccess(actor, part.resource, 'read') !== null);
}

/** The longest period one export of events or visits covers: a year and a day. */
export const maxExportPeriodDays = 366;

/**
 * A period of events or visits: both ends required, `from` before `to`, at most
 * `maxExportPeriodDays`. Null when acceptable, else the refusal.
 */
export function judgeExportPeriod(
  from: Date | undefined,
  to: Date | undefined,
): { code: 'period_required' | 'invalid_range'; message: string } | null {
  if (!from || !to)
    return { code: 'period_required', message: 'An export of events or visits needs `from` and `to`.' };
  const reversed = judgePeriodOrder(from, to);
  if (reversed) return reversed;
  if (to.getTime() - from.getTime() > maxExportPeriodDays * 86_400_000)
    return { code: 'invalid_range', message: `An export covers at most ${maxExportPeriodDays} days.` };
  return null;
}

/** Splits [from, to) into consecutive windows of at most `days` days (the visit list's longest request). */
export function splitPeriod(from: Date, to: Date, days: number): Array<{ from: Date; to: Date }> {
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let start = from.getTime(); start < to.getTime(); start += days * 86_400_000)
    windows.push({ from: new Date(start), to: new Date(Math.min(start + days * 86_400_000, to.getTime())) });
  return windows;
}
