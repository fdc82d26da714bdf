import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/roles';
import { canReadEventSubject, eventViewFor } from './event-access';

const municipalityId = '00000000-0000-4000-8000-000000000001';
const providerId = '00000000-0000-4000-8000-000000000002';
const actorOf = (role: Role): Actor => ({
  kind: 'user',
  id: 'u',
  label: 'u',
  role,
  municipalityId,
  providerId,
  isReadOnly: false,
});

describe('event subjects a role may ask about', () => {
  it('keeps lock managers to locks and doors', () => {
    const lockManager = actorOf('lock_manager');
    expect(canReadEventSubject(lockManager, 'lock')).toBe(true);
    expect(canReadEventSubject(lockManager, 'door')).toBe(true);
    for (const subject of ['customer', 'staff', 'key'] as const)
      expect(canReadEventSubject(lockManager, subject)).toBe(false);
  });

  it('lets other roles ask about every subject (their scope decides what they get)', () => {
    for (const subject of ['lock', 'door', 'customer', 'staff', 'key'] as const)
      expect(canReadEventSubject(actorOf('municipality_admin'), subject)).toBe(true);
  });
});

describe('the view of event rows', () => {
  it('masks identities for lock managers and names every door and lock', () => {
    const actor = actorOf('lock_manager');
    expect(eventViewFor({ kind: 'municipality', municipalityId }, actor)).toMatchObject({
      maskIdentities: true,
    });
  });

  it('gives a provider scope its reach and no serials', () => {
    const actor = actorOf('work_lead');
    expect(eventViewFor({ kind: 'provider', municipalityId, providerId }, actor)).toEqual({
      providerId,
      doorNames: 'reach',
      showLockSerials: false,
    });
  });
});
