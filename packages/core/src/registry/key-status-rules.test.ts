import { describe, expect, it } from 'vitest';
import { checkKeyStatusReason } from './key-status-rules';

const codes = (...args: Parameters<typeof checkKeyStatusReason>) =>
  checkKeyStatusReason(...args).map((violation) => `${violation.field}:${violation.code}`);

describe('checkKeyStatusReason', () => {
  const active = { status: 'active', statusReason: 'Ny hållare' };
  it('blocking or reporting a key lost without a reason of its own is refused', () => {
    expect(codes('digital_key', active, { status: 'lost' })).toEqual(['statusReason:reason_required']);
    expect(codes('digital_key', active, { status: 'blocked', statusReason: null })).toEqual([
      'statusReason:reason_required',
    ]);
    expect(codes('digital_key', active, { status: 'blocked', statusReason: ' x ' })).toEqual([
      'statusReason:reason_required',
    ]);
    expect(codes('digital_key', { status: 'blocked', statusReason: 'Tappad' }, { status: 'lost' })).toEqual([
      'statusReason:reason_required',
    ]);
    // A new key registered as lost needs one too.
    expect(codes('digital_key', undefined, { serial: 'HK-1', status: 'lost' })).toEqual([
      'statusReason:reason_required',
    ]);
  });
  it('a blocked or lost key keeps a reason', () => {
    expect(codes('digital_key', { status: 'lost', statusReason: 'Tappad' }, { statusReason: null })).toEqual([
      'statusReason:reason_required',
    ]);
  });
  it('a reason given with the change, or a change that blocks nothing, passes', () => {
    expect(codes('digital_key', active, { status: 'lost', statusReason: 'Tappad på bussen' })).toEqual([]);
    expect(codes('digital_key', active, { statusReason: null })).toEqual([]);
    expect(codes('digital_key', active, { status: 'retired' })).toEqual([]);
    expect(
      codes('digital_key', { status: 'blocked', statusReason: 'Tappad' }, { holderStaffMemberId: null }),
    ).toEqual([]);
    expect(
      codes('digital_key', { status: 'blocked', statusReason: 'Tappad' }, { status: 'blocked' }),
    ).toEqual([]);
    expect(codes('digital_key', undefined, { serial: 'HK-1' })).toEqual([]);
    expect(codes('lock_device', undefined, { status: 'lost' })).toEqual([]);
  });
});
