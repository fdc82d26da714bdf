import { describe, expect, it } from 'vitest';
import {
  presentContactLogEntry,
  readReminderSentence,
  readRequestSentSentence,
  readWithdrawnSentence,
} from './contact-log-presenter';

const at = new Date('2027-03-01T08:00:00Z');
const stored = {
  id: 7,
  propertyOwnerId: '00000000-0000-4000-8000-000000000001',
  kind: 'email',
  at,
  madeBy: 'Lisa Låsansvarig',
  outcomeKind: 'note' as const,
  params: null,
  consentRequestId: '00000000-0000-4000-8000-000000000002',
  recordedBy: 'Lisa Låsansvarig',
  recordedAt: at,
};
const shown = { ...stored, at: at.toISOString(), recordedAt: at.toISOString() };

describe('contact-log entries', () => {
  it('reads the sentences written before migration 0046', () => {
    expect(
      readRequestSentSentence(
        'Samtyckesförfrågan skickad till Eva (Ek) (eva@x.example) om 2 dörr(ar) på Storgatan 1.',
      ),
    ).toEqual({
      contactName: 'Eva (Ek)',
      email: 'eva@x.example',
      doorCount: 2,
      streetAddress: 'Storgatan 1',
    });
    expect(readReminderSentence('Påminnelse 2 skickad till Eva Ek (eva@x.example).')).toEqual({
      reminder: 2,
      contactName: 'Eva Ek',
      email: 'eva@x.example',
    });
    expect(readWithdrawnSentence('Samtycket återkallat för Port A, Tvättstuga.')).toEqual({
      doors: ['Port A', 'Tvättstuga'],
      note: null,
    });
    expect(readWithdrawnSentence('Samtycket återkallat för Port A: Rad ett.\nRad två')).toEqual({
      doors: ['Port A'],
      note: 'Rad ett.\nRad två',
    });
    expect(readRequestSentSentence('Ringde förvaltaren')).toBeUndefined();
    expect(readReminderSentence('Påminnelse skickad till Eva')).toBeUndefined();
    expect(readWithdrawnSentence('Samtycket står kvar.')).toBeUndefined();
  });

  it('presents an old sentence as the outcome it stands for, and leaves notes and new entries as stored', () => {
    expect(
      presentContactLogEntry({ ...stored, outcome: 'Påminnelse 1 skickad till Eva Ek (eva@x.example).' }),
    ).toEqual({
      ...shown,
      outcomeKind: 'consent_reminder_sent',
      outcome: '',
      params: { reminder: 1, contactName: 'Eva Ek', email: 'eva@x.example' },
    });
    expect(
      presentContactLogEntry({ ...stored, kind: 'meeting', outcome: 'Samtycket återkallat för Port A.' }),
    ).toEqual({
      ...shown,
      kind: 'meeting',
      outcomeKind: 'consent_withdrawn',
      outcome: '',
      params: { doors: ['Port A'], note: null },
    });
    // A request's mail was always an e-mail: a call that reads like one is a person's note.
    const call = { ...stored, kind: 'call', outcome: 'Påminnelse 1 skickad till Eva Ek (eva@x.example).' };
    expect(presentContactLogEntry(call)).toEqual({ ...shown, kind: 'call', outcome: call.outcome });
    // So is one logged for another time than it was recorded, or about no request.
    const later = {
      ...stored,
      recordedAt: new Date(at.getTime() + 1),
      outcome: 'Samtycket återkallat för Port A.',
    };
    expect(presentContactLogEntry(later).outcomeKind).toBe('note');
    const loose = { ...stored, consentRequestId: null, outcome: 'Samtycket återkallat för Port A.' };
    expect(presentContactLogEntry(loose).outcomeKind).toBe('note');
    const fact = {
      ...stored,
      outcomeKind: 'consent_withdrawn' as const,
      outcome: '',
      params: { doors: ['Port A'], note: null },
    };
    expect(presentContactLogEntry(fact)).toEqual({ ...fact, at: shown.at, recordedAt: shown.recordedAt });
  });
});
