import { describe, expect, it } from 'vitest';
import { presentTimelineEntry, readMailedSentence } from './timeline-entry-presenter';

const stored = {
  id: 7,
  fromValue: null,
  toValue: null,
  params: null,
  author: 'Sara Support',
  at: '2027-02-08T09:00:00.000Z',
};

describe('timeline entries', () => {
  it('reads the sentence an assignment wrote before migration 0044 as the entry it stands for', () => {
    expect(readMailedSentence('Ankomstlänk mejlad till a@x.example, b@x.example')).toEqual({
      mailedTo: ['a@x.example', 'b@x.example'],
      mailFailedTo: [],
    });
    expect(readMailedSentence('Ankomstlänk mejlad till ingen')).toEqual({ mailedTo: [], mailFailedTo: [] });
    expect(readMailedSentence('Ankomstlänk mejlad till ingen; kunde inte mejlas till c@x.example')).toEqual({
      mailedTo: [],
      mailFailedTo: ['c@x.example'],
    });
    expect(readMailedSentence('Ringde jouren, ankomstlänk mejlad till dem')).toBeUndefined();
  });

  it('presents an old note as arrival_link_mailed, and leaves other notes and new entries as stored', () => {
    expect(presentTimelineEntry({ ...stored, kind: 'note', body: 'Ankomstlänk mejlad till ingen' })).toEqual({
      ...stored,
      kind: 'arrival_link_mailed',
      body: '',
      params: { mailedTo: [], mailFailedTo: [] },
    });
    const note = { ...stored, kind: 'note', body: 'Ringde jouren' };
    expect(presentTimelineEntry(note)).toEqual(note);
    const mailed = {
      ...stored,
      kind: 'arrival_link_mailed',
      body: '',
      params: { mailedTo: ['a@x.example'], mailFailedTo: [] },
    };
    expect(presentTimelineEntry(mailed)).toEqual(mailed);
  });
});
