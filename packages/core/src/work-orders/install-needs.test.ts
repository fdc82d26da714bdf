import { describe, expect, it } from 'vitest';
import {
  addDays,
  firstUnservedDay,
  isServiceEndedByChange,
  isServiceGrantedByChange,
  proposeDismountOrders,
  proposeInstallOrders,
  proposeMoveOrders,
  type DoorOnPath,
} from './install-needs';
import { checkRecordedDay, hasRefusedLockAfter } from './lock-consent-rules';

const today = '2027-03-10';
const entrance: DoorOnPath = { doorId: 'entrance', kind: 'entrance', installedLockId: null };
const apartment: DoorOnPath = { doorId: 'apartment', kind: 'apartment_door', installedLockId: null };
const locked = (door: DoorOnPath, lockId = `lock-${door.doorId}`): DoorOnPath => ({
  ...door,
  installedLockId: lockId,
});

describe('a service granted', () => {
  it('counts new current or future services and ended ones that run again', () => {
    expect(isServiceGrantedByChange(undefined, { startsOn: '2027-01-01', endsOn: null }, today)).toBe(true);
    expect(isServiceGrantedByChange(undefined, { startsOn: '2027-05-01', endsOn: null }, today)).toBe(true);
    expect(isServiceGrantedByChange(undefined, { startsOn: '2026-01-01', endsOn: '2027-03-09' }, today)).toBe(
      false,
    );
    const ended = { startsOn: '2026-01-01', endsOn: '2027-01-01' };
    expect(isServiceGrantedByChange(ended, { ...ended, endsOn: null }, today)).toBe(true);
    const current = { startsOn: '2026-01-01', endsOn: null };
    expect(isServiceGrantedByChange(current, { ...current, endsOn: '2028-01-01' }, today)).toBe(false);
  });

  it('proposes one install per door without a lock, waiting for the right consent', () => {
    const orders = proposeInstallOrders({
      customerId: 'c',
      doors: [
        entrance,
        locked({ doorId: 'laundry', kind: 'laundry_room', installedLockId: null }),
        apartment,
        apartment,
      ],
      hasRefusedLock: false,
    });
    expect(orders.map((order) => [order.doorId, order.awaits, order.origin])).toEqual([
      ['entrance', 'owner_consent', 'service_granted'],
      ['apartment', 'customer_consent', 'service_granted'],
    ]);
    expect(orders.every((order) => order.kind === 'install' && order.customerId === 'c')).toBe(true);
  });

  it('proposes nothing on the own doors of a customer who refused a lock', () => {
    const doors: DoorOnPath[] = [
      entrance,
      apartment,
      { doorId: 'safe', kind: 'key_safe', installedLockId: null },
    ];
    expect(
      proposeInstallOrders({ customerId: 'c', doors, hasRefusedLock: true }).map((o) => o.doorId),
    ).toEqual(['entrance']);
  });
});

describe('the last service ended', () => {
  it('knows what ends a service', () => {
    const open = { startsOn: '2026-01-01', endsOn: null };
    expect(isServiceEndedByChange(open, undefined)).toBe(true);
    expect(isServiceEndedByChange(open, { ...open, endsOn: '2027-04-01' })).toBe(true);
    expect(isServiceEndedByChange({ ...open, endsOn: '2027-04-01' }, { ...open, endsOn: '2027-03-20' })).toBe(
      true,
    );
    expect(isServiceEndedByChange({ ...open, endsOn: '2027-03-20' }, { ...open, endsOn: '2027-04-01' })).toBe(
      false,
    );
    expect(isServiceEndedByChange({ ...open, endsOn: '2027-03-20' }, open)).toBe(false);
  });

  it('finds the first day without service, today at the earliest', () => {
    expect(firstUnservedDay([{ startsOn: '2026-01-01', endsOn: null }], today)).toBeNull();
    expect(firstUnservedDay([], today)).toBe(today);
    expect(firstUnservedDay([{ startsOn: '2026-01-01', endsOn: '2027-01-01' }], today)).toBe(today);
    expect(
      firstUnservedDay(
        [
          { startsOn: '2026-01-01', endsOn: '2027-03-31' },
          { startsOn: '2026-01-01', endsOn: '2027-03-20' },
        ],
        today,
      ),
    ).toBe('2027-04-01');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
  });

  const ended = [{ startsOn: '2026-01-01', endsOn: '2027-03-09' }];

  it('proposes dismounting the customer’s own locks only, never the entrance', () => {
    const orders = proposeDismountOrders({
      customerId: 'c',
      doors: [locked(entrance), locked(apartment)],
      services: ended,
      otherResidentsByDoor: new Map([['entrance', []]]),
      today,
    });
    expect(orders).toEqual([
      {
        kind: 'dismount',
        doorId: 'apartment',
        customerId: 'c',
        origin: 'service_ended',
        awaits: 'nothing',
        lockDeviceId: 'lock-apartment',
        targetDoorId: null,
      },
    ]);
  });

  it('proposes nothing while a service is open-ended or the door has no lock', () => {
    const open = [...ended, { startsOn: '2027-01-01', endsOn: null }];
    const input = { customerId: 'c', otherResidentsByDoor: new Map(), today };
    expect(proposeDismountOrders({ ...input, doors: [locked(apartment)], services: open })).toEqual([]);
    expect(proposeDismountOrders({ ...input, doors: [apartment], services: ended })).toEqual([]);
  });

  it('never strands a partner who still lives behind the door', () => {
    const input = { customerId: 'c', doors: [locked(apartment)], today };
    const partnerServed = new Map([['apartment', [[{ startsOn: '2026-01-01', endsOn: null }]]]]);
    expect(proposeDismountOrders({ ...input, services: ended, otherResidentsByDoor: partnerServed })).toEqual(
      [],
    );
    // The partner's service ends before the customer's: the door is free after the customer's.
    const partnerEndsFirst = new Map([['apartment', [[{ startsOn: '2026-01-01', endsOn: '2027-03-20' }]]]]);
    const customerEndsLater = [{ startsOn: '2026-01-01', endsOn: '2027-03-31' }];
    expect(
      proposeDismountOrders({
        ...input,
        services: customerEndsLater,
        otherResidentsByDoor: partnerEndsFirst,
      }),
    ).toHaveLength(1);
    // ... and ending the partner's first proposes nothing while the customer stays longer.
    expect(
      proposeDismountOrders({
        ...input,
        services: [{ startsOn: '2026-01-01', endsOn: '2027-03-20' }],
        otherResidentsByDoor: new Map([['apartment', [customerEndsLater]]]),
      }),
    ).toEqual([]);
  });
});

describe('a move', () => {
  const newDoor: DoorOnPath = { doorId: 'new', kind: 'apartment_door', installedLockId: null };
  const base = { customerId: 'c', isServed: true, hasRefusedLock: false };

  it('moves the old door’s lock to the new door', () => {
    const orders = proposeMoveOrders({
      ...base,
      oldDoor: { ...locked(apartment), isNeededByOthers: false },
      newDoor,
    });
    expect(orders).toEqual([
      {
        kind: 'move',
        doorId: 'apartment',
        customerId: 'c',
        origin: 'customer_moved',
        // The lock goes on the new home's door: the customer's consent, as an install there would.
        awaits: 'customer_consent',
        lockDeviceId: 'lock-apartment',
        targetDoorId: 'new',
      },
    ]);
  });

  it('installs on the new door when the old has no lock or its lock stays for a partner', () => {
    for (const oldDoor of [
      { ...apartment, isNeededByOthers: false },
      { ...locked(apartment), isNeededByOthers: true },
      null,
    ]) {
      const orders = proposeMoveOrders({ ...base, oldDoor, newDoor });
      expect(orders.map((order) => [order.kind, order.doorId, order.awaits])).toEqual([
        ['install', 'new', 'customer_consent'],
      ]);
    }
  });

  it('proposes no lock on the new door of a customer who refused one, and frees the old lock', () => {
    const orders = proposeMoveOrders({
      ...base,
      hasRefusedLock: true,
      oldDoor: { ...locked(apartment), isNeededByOthers: false },
      newDoor,
    });
    expect(orders.map((order) => [order.kind, order.doorId])).toEqual([['dismount', 'apartment']]);
  });

  it('asks for nothing when the new door already has a lock and the old lock is needed', () => {
    expect(
      proposeMoveOrders({
        ...base,
        oldDoor: { ...locked(apartment), isNeededByOthers: true },
        newDoor: locked(newDoor),
      }),
    ).toEqual([]);
  });
});

describe('consent decisions', () => {
  it('refuses days after today', () => {
    expect(checkRecordedDay('decidedOn', '2027-03-11', today)?.code).toBe('date_in_future');
    expect(checkRecordedDay('decidedOn', today, today)).toBeNull();
  });

  it('treats a refusal and a withdrawal alike, and a consent lifts them', () => {
    expect(hasRefusedLockAfter('refused')).toBe(true);
    expect(hasRefusedLockAfter('withdrawn')).toBe(true);
    expect(hasRefusedLockAfter('consented')).toBe(false);
  });
});
