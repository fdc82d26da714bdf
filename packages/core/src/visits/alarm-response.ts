// Alarm response times (R11.1; docs/visits.md "Alarm response times"): median and 90th percentile
// per district and responding provider, and the alarms nobody was recorded arriving at. Pure.

export interface AlarmResponse {
  alarmId: string;
  districtId: string;
  /** The provider whose staff opened first; null when no arrival was recorded. */
  providerId: string | null;
  /** Minutes from the alarm to the first opening; null when no arrival was recorded. */
  minutes: number | null;
}

export interface AlarmResponseGroup {
  districtId: string;
  providerId: string;
  alarms: number;
  medianMinutes: number;
  p90Minutes: number;
}

/** The value below which `share` of the sorted values lie (nearest rank, as reports read it). */
export function nearestRank(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

/** Groups answered alarms by district and provider; unanswered ones are listed apart. */
export function summariseAlarmResponses(responses: readonly AlarmResponse[]): {
  groups: AlarmResponseGroup[];
  unansweredAlarmIds: string[];
} {
  const byGroup = new Map<string, number[]>();
  const unansweredAlarmIds: string[] = [];
  for (const response of responses) {
    if (response.providerId === null || response.minutes === null) {
      unansweredAlarmIds.push(response.alarmId);
      continue;
    }
    const key = `${response.districtId} ${response.providerId}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), response.minutes]);
  }
  const groups = [...byGroup].map(([key, minutes]) => {
    const [districtId, providerId] = key.split(' ') as [string, string];
    const sorted = [...minutes].sort((a, b) => a - b);
    return {
      districtId,
      providerId,
      alarms: sorted.length,
      medianMinutes: nearestRank(sorted, 0.5),
      p90Minutes: nearestRank(sorted, 0.9),
    };
  });
  return { groups, unansweredAlarmIds };
}
