import { describe, expect, it } from 'vitest';
import {
  awaitedConsentFor,
  awaitedConsentForOrder,
  checkWorkOrderTransition,
  workOrderReferencePattern,
  workOrderReferencePrefix,
  workOrderStates,
} from './work-order-rules';
import { makeRandomReference } from '../platform/random-reference';

describe('work order transitions', () => {
  it('follows requested → planned → in progress → done', () => {
    expect(checkWorkOrderTransition('requested', 'planned', null)).toBeNull();
    expect(checkWorkOrderTransition('planned', 'in_progress', null)).toBeNull();
    expect(checkWorkOrderTransition('in_progress', 'done', null)).toBeNull();
  });

  it('never changes a finished order', () => {
    for (const finished of ['done', 'failed', 'cancelled'] as const)
      for (const to of workOrderStates)
        expect(checkWorkOrderTransition(finished, to, 'x')?.code).toBe('invalid_transition');
  });

  it('does not skip planning', () => {
    expect(checkWorkOrderTransition('requested', 'in_progress', null)?.code).toBe('invalid_transition');
    expect(checkWorkOrderTransition('requested', 'done', null)?.code).toBe('invalid_transition');
  });

  it('asks why an order fails, is cancelled or goes back', () => {
    expect(checkWorkOrderTransition('in_progress', 'failed', ' ')?.code).toBe('reason_required');
    expect(checkWorkOrderTransition('requested', 'cancelled', undefined)?.code).toBe('reason_required');
    expect(checkWorkOrderTransition('planned', 'requested', null)?.code).toBe('reason_required');
    expect(checkWorkOrderTransition('in_progress', 'requested', '')?.code).toBe('reason_required');
    expect(checkWorkOrderTransition('in_progress', 'failed', 'Dörren saknar plats för cylinder')).toBeNull();
  });

  it('lets an order under way go back to requested, as one whose consent was withdrawn must', () => {
    expect(checkWorkOrderTransition('in_progress', 'requested', 'Kunden återkallade samtycket')).toBeNull();
    expect(checkWorkOrderTransition('in_progress', 'planned', 'Hinner inte i dag')).toBeNull();
  });

  it('takes a reason the server records as a fact as said', () => {
    const refusal = { kind: 'customer_refused_lock', params: { decidedOn: '2027-03-09' } } as const;
    expect(checkWorkOrderTransition('requested', 'cancelled', refusal)).toBeNull();
    expect(checkWorkOrderTransition('done', 'cancelled', refusal)?.code).toBe('invalid_transition');
  });
});

describe('what an install waits for', () => {
  it('waits for the owner at shared doors and for the customer at their own', () => {
    expect(awaitedConsentFor('entrance')).toBe('owner_consent');
    expect(awaitedConsentFor('laundry_room')).toBe('owner_consent');
    expect(awaitedConsentFor('apartment_door')).toBe('customer_consent');
    expect(awaitedConsentFor('key_safe')).toBe('customer_consent');
  });

  it('has a move wait for the consent its target door needs, where the lock goes on', () => {
    expect(awaitedConsentForOrder('move', 'apartment_door', 'entrance')).toBe('owner_consent');
    expect(awaitedConsentForOrder('move', 'entrance', 'apartment_door')).toBe('customer_consent');
    expect(awaitedConsentForOrder('install', 'entrance')).toBe('owner_consent');
    for (const kind of ['battery', 'dismount', 'repair', 'cylinder_change'] as const)
      expect(awaitedConsentForOrder(kind, 'entrance')).toBe('nothing');
  });
});

it('knows an order’s reference by its prefix, year and random code', () => {
  expect(
    workOrderReferencePattern.test(makeRandomReference(workOrderReferencePrefix, 2027, new Uint8Array(6))),
  ).toBe(true);
  expect(workOrderReferencePattern.test('AO-2027-K7QX4M')).toBe(true);
  expect(workOrderReferencePattern.test('SUP-2027-K7QX4M')).toBe(false);
});
