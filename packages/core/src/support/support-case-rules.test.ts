import { describe, expect, it } from 'vitest';
import { judgeEmergencyCaseStatus, supportCaseStatuses } from './support-case-rules';

describe('judgeEmergencyCaseStatus', () => {
  it('keeps an open emergency’s case from being resolved or closed, and nothing else', () => {
    expect(supportCaseStatuses.map((status) => [status, judgeEmergencyCaseStatus(status, true)])).toEqual([
      ['open', null],
      ['in_progress', null],
      ['waiting', null],
      ['resolved', 'emergency_not_closed'],
      ['closed', 'emergency_not_closed'],
    ]);
    for (const status of supportCaseStatuses) expect(judgeEmergencyCaseStatus(status, false)).toBeNull();
  });
});
