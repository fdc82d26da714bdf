import { describe, expect, it } from 'vitest';
import { refusalStepFor } from './lock-consent-rules';

describe('what a customer’s refusal or withdrawn consent does to their orders (R6.2)', () => {
  it('cancels an unstarted install on their own door, and leaves a shared door’s', () => {
    expect(refusalStepFor({ kind: 'install', doorKind: 'apartment_door', state: 'requested' })).toBe(
      'cancelled',
    );
    expect(refusalStepFor({ kind: 'install', doorKind: 'key_safe', state: 'planned' })).toBe('cancelled');
    expect(refusalStepFor({ kind: 'install', doorKind: 'entrance', state: 'planned' })).toBeNull();
    expect(refusalStepFor({ kind: 'install', doorKind: 'apartment_door', state: 'in_progress' })).toBeNull();
  });

  it('takes a planned move onto their own door back to requested, never cancelling it', () => {
    expect(refusalStepFor({ kind: 'move', doorKind: 'apartment_door', state: 'planned' })).toBe('requested');
    expect(refusalStepFor({ kind: 'move', doorKind: 'apartment_door', state: 'requested' })).toBeNull();
    expect(refusalStepFor({ kind: 'move', doorKind: 'entrance', state: 'planned' })).toBeNull();
  });
});
