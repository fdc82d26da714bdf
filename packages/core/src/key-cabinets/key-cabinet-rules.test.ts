import { describe, expect, it } from 'vitest';
import {
  checkTakeCaseSubject,
  decideSlotState,
  findEarliestAuthorisationInForce,
  isAuthorisationLapsed,
  isKeyOverdue,
  isReasonTextRequired,
  isTakeOfSlotKey,
  judgeOpenTakeOfLeavingKey,
} from './key-cabinet-rules';

const at = (minutes: number) => new Date(Date.UTC(2027, 2, 1, 8, minutes));

describe('key cabinet rules', () => {
  it('lapses an unused authorisation after 15 minutes, never a used one', () => {
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: null }, at(15))).toBe(false);
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: null }, at(16))).toBe(true);
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: at(1) }, at(59))).toBe(false);
  });

  it('finds the earliest unused authorisation still in force, agreeing with the lapse', () => {
    const earliest = findEarliestAuthorisationInForce(at(30));
    expect(earliest).toEqual(at(15));
    for (const authorisedAt of [new Date(earliest.getTime() - 1), earliest, at(29)])
      expect(isAuthorisationLapsed({ authorisedAt, takenAt: null }, at(30))).toBe(authorisedAt < earliest);
  });

  it('flags a key out longer than the limit, and never one returned or not taken', () => {
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: null }, at(240), 240)).toBe(false);
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: null }, at(241), 240)).toBe(true);
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: at(300) }, at(400), 240)).toBe(false);
    expect(isKeyOverdue({ takenAt: null, returnedAt: null }, at(400), 240)).toBe(false);
  });

  it('names slot states and asks words only for other', () => {
    expect(decideSlotState(false, undefined)).toBe('empty');
    expect(decideSlotState(true, undefined)).toBe('in');
    expect(decideSlotState(true, { takenAt: null })).toBe('authorised');
    expect(decideSlotState(true, { takenAt: at(0) })).toBe('out');
    expect(isReasonTextRequired('other')).toBe(true);
    expect(isReasonTextRequired('lock_fault')).toBe(false);
  });

  it('binds a take to its key, never to the key put in its slot later', () => {
    const authorised = { backupKeyId: 'yngve', takenAt: null };
    const out = { backupKeyId: 'yngve', takenAt: at(1) };
    expect(isTakeOfSlotKey(authorised, 'yngve')).toBe(true);
    expect(isTakeOfSlotKey(authorised, 'elsa')).toBe(false);
    expect(isTakeOfSlotKey(authorised, undefined)).toBe(false);
    expect(isTakeOfSlotKey(out, 'elsa')).toBe(false);
    // The key is out and its slot empty: the slot is still the take's.
    expect(isTakeOfSlotKey(out, undefined)).toBe(true);
  });

  it('lets a key leave its slot past a lapsed authorisation only, never while out or promised', () => {
    expect(judgeOpenTakeOfLeavingKey({ authorisedAt: at(0), takenAt: at(1) }, at(300))).toBe('out');
    expect(judgeOpenTakeOfLeavingKey({ authorisedAt: at(0), takenAt: null }, at(15))).toBe('authorised');
    expect(judgeOpenTakeOfLeavingKey({ authorisedAt: at(0), takenAt: null }, at(16))).toBe('cancel');
  });

  it('links a take only to a case about its key’s customer, door or the lock on it', () => {
    const key = { customerId: 'yngve', doorId: 'door-yngve' };
    const none = { customerId: null, doorId: null, lockDoorId: null };
    expect(checkTakeCaseSubject({ ...none, customerId: 'yngve', doorId: 'entrance' }, key)).toBeNull();
    expect(checkTakeCaseSubject({ ...none, doorId: 'door-yngve' }, key)).toBeNull();
    expect(checkTakeCaseSubject({ ...none, lockDoorId: 'door-yngve' }, key)).toBeNull();
    expect(checkTakeCaseSubject(none, key)).toBeNull();
    for (const other of [
      { ...none, customerId: 'elsa' },
      { ...none, customerId: 'elsa', doorId: 'door-yngve' },
      { ...none, doorId: 'door-elsa' },
      { ...none, lockDoorId: 'door-elsa' },
    ])
      expect(checkTakeCaseSubject(other, key)).toMatchObject({
        code: 'support_case_of_other_customer',
        field: 'supportCaseId',
      });
  });
});
