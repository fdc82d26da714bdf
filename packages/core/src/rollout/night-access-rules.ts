// R2.6: an entrance whose door code works only some hours must still be openable when the
// customer's night or alarm service comes. The rule (docs/rollout.md "R2.6"): a door on the
// customer's way in is a problem for a service when no lock of ours is in use on it, its opening
// hours are recorded, and the hours the service needs reach outside them.
import type { DailyWindow } from '../access';
import type { OpeningMethod } from '../registry';
import { findUncoveredSpans, markWeek, type OpeningHours, type WeekSpan } from './opening-hours';

/** A current service of the customer, with what the rule needs of its provider. */
export interface ServiceNeed {
  service: string;
  providerId: string;
  providerName: string;
  providerKinds: readonly string[];
  /** The provider's windows for this service (local time); none = around the clock. */
  windows: readonly DailyWindow[];
}

/** A door on the customer's way in, with how it is opened. */
export interface DoorOpening {
  doorId: string;
  label: string;
  kind: string;
  openingMethod: OpeningMethod | null;
  openingHours: OpeningHours;
  /** An installed lock on the door is in use (lock_usage_on, R8.4): the hours do not matter. */
  isLockInUse: boolean;
}

/** One door that cannot be opened while one service needs it. */
export interface NightAccessWarning {
  doorId: string;
  doorLabel: string;
  doorKind: string;
  openingMethod: OpeningMethod | null;
  openingHours: readonly DailyWindow[];
  service: string;
  providerId: string;
  providerName: string;
  /** The service's hours, empty when around the clock. */
  serviceWindows: readonly DailyWindow[];
  /** When the service needs the door and it cannot be opened. */
  closedSpans: WeekSpan[];
}

const nightProviderKinds: readonly string[] = ['night_patrol', 'alarm_patrol'];

/**
 * The hours a service needs doors open, or null when the rule does not check it: night and alarm
 * service (a safety alarm, or a night or alarm patrol provider) needs its windows or, without
 * any, every hour; other services are checked only against windows the provider recorded (day
 * home care without windows is taken to come when doors are open).
 */
export function findNeededHours(need: ServiceNeed): readonly DailyWindow[] | null {
  if (need.windows.length > 0) return need.windows;
  return isNightOrAlarmNeed(need) ? [{ from: '00:00', to: '24:00' }] : null;
}

/** Whether a need is night or alarm service (what the team and rollout lists are about). */
export function isNightOrAlarmNeed(need: ServiceNeed): boolean {
  return (
    need.service === 'safety_alarm' || need.providerKinds.some((kind) => nightProviderKinds.includes(kind))
  );
}

/** The warnings for one customer: each door on the way in × each service it fails. */
export function judgeNightAccess(
  needs: readonly ServiceNeed[],
  doors: readonly DoorOpening[],
): NightAccessWarning[] {
  const warnings: NightAccessWarning[] = [];
  for (const door of doors) {
    if (door.isLockInUse || door.openingHours === null) continue;
    const open = markWeek(door.openingHours);
    for (const need of needs) {
      const hours = findNeededHours(need);
      if (!hours) continue;
      const closedSpans = findUncoveredSpans(markWeek(hours), open);
      if (closedSpans.length === 0) continue;
      warnings.push({
        doorId: door.doorId,
        doorLabel: door.label,
        doorKind: door.kind,
        openingMethod: door.openingMethod,
        openingHours: door.openingHours,
        service: need.service,
        providerId: need.providerId,
        providerName: need.providerName,
        serviceWindows: need.windows,
        closedSpans,
      });
    }
  }
  return warnings;
}
