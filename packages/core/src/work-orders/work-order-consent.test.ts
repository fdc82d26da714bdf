import { describe, expect, it } from 'vitest';
import { checkConsentForPlanning } from './work-order-consent';

describe('planning an order that waits for consent', () => {
  it('needs nothing when the order waits for nothing', () => {
    expect(checkConsentForPlanning('nothing', { customerDecision: null, entranceStatus: null })).toBeNull();
  });

  it('needs the customer’s newest decision to be a consent', () => {
    const plan = (customerDecision: 'consented' | 'refused' | 'withdrawn' | null) =>
      checkConsentForPlanning('customer_consent', { customerDecision, entranceStatus: null })?.code ?? null;
    expect(plan('consented')).toBeNull();
    expect(plan(null)).toBe('consent_missing');
    expect(plan('refused')).toBe('consent_missing');
    expect(plan('withdrawn')).toBe('consent_missing');
  });

  it('needs the owner to have consented for the entrance, not only been asked', () => {
    const plan = (entranceStatus: 'asked' | 'reminded' | 'consented' | 'declined' | 'withdrawn' | null) =>
      checkConsentForPlanning('owner_consent', { customerDecision: 'consented', entranceStatus })?.code ??
      null;
    expect(plan('consented')).toBeNull();
    for (const status of [null, 'asked', 'reminded', 'declined', 'withdrawn'] as const)
      expect(plan(status)).toBe('consent_missing');
  });
});

describe('work at the door', async () => {
  const { checkDoorAction, isOriginalLockStorageRequired, countActualMinutes } =
    await import('./work-order-door-actions');
  it('belongs to orders of the right kind that are planned or in progress', () => {
    expect(checkDoorAction('install', { kind: 'install', state: 'in_progress' })).toBeNull();
    expect(checkDoorAction('enrol_lock', { kind: 'install', state: 'planned' })).toBeNull();
    expect(checkDoorAction('dismount', { kind: 'install', state: 'planned' })?.code).toBe('wrong_order_kind');
    expect(checkDoorAction('move', { kind: 'move', state: 'requested' })?.code).toBe('invalid_transition');
    expect(checkDoorAction('install', { kind: 'install', state: 'done' })?.code).toBe('invalid_transition');
  });
  it('keeps the original lock of apartment doors only', () => {
    expect(isOriginalLockStorageRequired('apartment_door')).toBe(true);
    expect(isOriginalLockStorageRequired('entrance')).toBe(false);
  });
  it('counts whole minutes between start and finish', () => {
    const start = new Date('2027-01-01T08:00:00Z');
    expect(countActualMinutes(start, new Date('2027-01-01T08:44:40Z'))).toBe(45);
    expect(countActualMinutes(null, start)).toBe(0);
  });
});

describe('installing at the door', async () => {
  const { checkConsentAtTheDoor } = await import('./work-order-consent');

  it('needs the consent to stand still when the lock goes on, the customer’s or the owner’s', () => {
    expect(checkConsentAtTheDoor('nothing', { customerDecision: null, entranceStatus: null })).toBeNull();
    expect(
      checkConsentAtTheDoor('owner_consent', { customerDecision: null, entranceStatus: 'consented' }),
    ).toBeNull();
    expect(
      checkConsentAtTheDoor('owner_consent', { customerDecision: 'consented', entranceStatus: 'withdrawn' }),
    ).toEqual({
      code: 'consent_no_longer_given',
      message:
        'The property owner\'s consent for this entrance is "withdrawn": the lock is not installed. Move the order back to requested (it waits for the consent there) and tell the lock manager.',
    });
    expect(
      checkConsentAtTheDoor('customer_consent', { customerDecision: 'withdrawn', entranceStatus: null })
        ?.code,
    ).toBe('consent_no_longer_given');
  });
});

describe('the moves a person is offered', async () => {
  const { listNextWorkOrderStates } = await import('./work-order-door-actions');

  it('never offers done for work finished at the door, and offers it for a battery or repair', () => {
    expect(listNextWorkOrderStates('install', 'in_progress')).toEqual(['requested', 'planned', 'failed']);
    expect(listNextWorkOrderStates('move', 'in_progress')).toEqual(['requested', 'planned', 'failed']);
    expect(listNextWorkOrderStates('battery', 'in_progress')).toEqual([
      'requested',
      'planned',
      'done',
      'failed',
    ]);
    expect(listNextWorkOrderStates('repair', 'done')).toEqual([]);
  });
});
