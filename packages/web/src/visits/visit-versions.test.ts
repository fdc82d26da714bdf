import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import {
  listChangedFields,
  sayAuthor,
  sayEvidence,
  versionFields,
  type VisitVersion,
} from './visit-versions';

const first: VisitVersion = {
  version: 1,
  customerId: '00000000-0000-4000-8000-000000000001',
  state: 'incomplete',
  arrival: '2026-03-16T07:30:00.000Z',
  departure: null,
  staffMemberIds: ['00000000-0000-4000-8000-000000000011'],
  staffNames: ['Anna Svensson'],
  services: ['meals'],
  declinedReason: null,
  createdBy: 'lock records',
  createdByName: null,
  createdAt: '2026-03-16T07:30:05.000Z',
  reason: null,
  supersededAt: '2026-03-16T08:05:05.000Z',
  supersededBy: 'lock records',
  evidence: [],
};

describe('listChangedFields', () => {
  it('lists every field of the first version, in the order the history shows them', () => {
    expect(listChangedFields(first, undefined)).toEqual(versionFields);
  });

  it('lists only what a later version changed, whoever made it and whatever it stands on', () => {
    const departed = { ...first, version: 2, departure: '2026-03-16T08:05:00.000Z', state: 'registered' };
    expect(listChangedFields(departed, first)).toEqual(['departure', 'state']);
    const restaffed = {
      ...departed,
      version: 3,
      staffMemberIds: ['00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000011'],
      services: ['meals', 'medication'],
      createdBy: 'lead',
      reason: 'Dubbelbemanning',
    };
    expect(listChangedFields(restaffed, departed)).toEqual(['staffMemberIds', 'services']);
    // The same staff or services in another order changed nothing.
    const reordered = {
      ...restaffed,
      version: 4,
      staffMemberIds: [...restaffed.staffMemberIds].reverse(),
      services: ['medication', 'meals'],
    };
    expect(listChangedFields(reordered, restaffed)).toEqual([]);
    expect(listChangedFields({ ...restaffed, version: 5 }, restaffed)).toEqual([]);
  });
});

describe('what a version rests on and who made it', () => {
  const sv = createTranslator('sv');
  const en = createTranslator('en');
  const lockRecord = (role: 'arrival' | 'departure') => ({
    kind: 'lock_record' as const,
    role,
    deviceId: '00000000-0000-4000-8000-000000000021',
    sequence: role === 'arrival' ? 7 : 8,
    occurredAt: null,
    doorId: null,
    record: null,
  });

  it('says each time by itself: the lock’s, the phone’s, a person’s, or none yet', () => {
    expect(sayEvidence(sv, { ...first, evidence: [lockRecord('arrival')] })).toBe(
      'Ankomst: signerad låshändelse. Avfärd: saknas.',
    );
    const departed = {
      ...first,
      departure: '2026-03-16T08:05:00.000Z',
      evidence: [lockRecord('arrival'), lockRecord('departure')],
    };
    expect(sayEvidence(en, departed)).toBe('Arrival: signed lock record. Departure: signed lock record.');
    // A person corrected the departure: the arrival still rests on the lock's record.
    const corrected = {
      ...departed,
      departure: '2026-03-16T08:15:00.000Z',
      evidence: [lockRecord('arrival')],
    };
    expect(sayEvidence(sv, corrected)).toBe('Ankomst: signerad låshändelse. Avfärd: angiven av en person.');
    const phone = {
      ...departed,
      evidence: [
        {
          kind: 'phone_request' as const,
          role: 'arrival' as const,
          deviceId: '00000000-0000-4000-8000-000000000031',
          occurredAt: '2026-03-16T07:30:00.000Z',
          signedAt: '2026-03-16T07:29:58.000Z',
          nonce: '00',
          request: 'AA',
          requestSha256: '00',
        },
      ],
    };
    expect(sayEvidence(sv, phone)).toBe(
      'Ankomst: signerad begäran från telefonen. Avfärd: angiven av en person.',
    );
  });

  it('adds the key turns at the door that confirm a phone visit, counted', () => {
    const turn = (sequence: number) => ({
      ...lockRecord('arrival'),
      role: 'confirmation' as const,
      sequence,
    });
    const confirmed = { ...first, evidence: [turn(7)] };
    expect(sayEvidence(sv, confirmed)).toBe(
      'Ankomst: angiven av en person. Avfärd: saknas. Låset bekräftar besöket med 1 öppning.',
    );
    expect(sayEvidence(en, { ...first, evidence: [turn(7), turn(8)] })).toBe(
      'Arrival: given by a person. Departure: missing. The lock confirms the visit with 2 openings.',
    );
  });

  it('says the lock and the phone by name, an account by its name, else by its username', () => {
    expect(sayAuthor(sv.t, first)).toBe('låset');
    expect(sayAuthor(en.t, { ...first, createdBy: 'phone' })).toBe('the phone');
    expect(sayAuthor(sv.t, { ...first, createdBy: 'lead.anna', createdByName: 'Anna Ek' })).toBe('Anna Ek');
    expect(sayAuthor(sv.t, { ...first, createdBy: 'token:planning' })).toBe('token:planning');
  });
});
