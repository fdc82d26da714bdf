import { describe, expect, it } from 'vitest';
import {
  presentTimelineEntry,
  readArrivalLinkAuthor,
  readClosedSentence,
  readFollowUpSentence,
  readMailedSentence,
} from './timeline-entry-presenter';

const stored = {
  id: 7,
  fromValue: null,
  toValue: null,
  params: null,
  authorKind: 'actor',
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

  it('reads the closing, follow-up and arrival sentences written before migration 0045', () => {
    expect(readClosedSentence('Nödöppningen avslutad, orsak: battery')).toEqual({
      cause: 'battery',
      note: null,
    });
    expect(readClosedSentence('Nödöppningen avslutad, orsak: other. Rad ett.\nRad två')).toEqual({
      cause: 'other',
      note: 'Rad ett.\nRad två',
    });
    expect(readClosedSentence('Nödöppningen avslutad, orsak: gremlins')).toBeUndefined();
    expect(readFollowUpSentence('Uppföljning: supportärende SUP-2027-000004')).toEqual({
      followUp: 'support_case',
      reference: 'SUP-2027-000004',
      workOrderKind: null,
    });
    expect(readFollowUpSentence('Uppföljning: arbetsorder AO-2027-000001 (battery)')).toEqual({
      followUp: 'work_order',
      reference: 'AO-2027-000001',
      workOrderKind: 'battery',
    });
    expect(readFollowUpSentence('Uppföljning: befintlig arbetsorder (repair)')).toEqual({
      followUp: 'work_order',
      reference: null,
      workOrderKind: 'repair',
    });
    expect(readFollowUpSentence('Uppföljning: arbetsorder AO-1 (tea)')).toBeUndefined();
    expect(readArrivalLinkAuthor('Låssmed (Lås & Co (Nord)) via ankomstlänk')).toBe('Lås & Co (Nord)');
    expect(readArrivalLinkAuthor('Låssmed (okänt företag) via ankomstlänk')).toBe('');
    expect(readArrivalLinkAuthor('Sara Support')).toBeUndefined();
  });

  it('presents an old note as the entry it stands for, and leaves other notes and new entries as stored', () => {
    expect(presentTimelineEntry({ ...stored, kind: 'note', body: 'Ankomstlänk mejlad till ingen' })).toEqual({
      ...stored,
      kind: 'arrival_link_mailed',
      body: '',
      params: { mailedTo: [], mailFailedTo: [] },
    });
    expect(presentTimelineEntry({ ...stored, kind: 'note', body: 'Dörren öppnad' })).toEqual({
      ...stored,
      kind: 'door_opened',
      body: '',
    });
    expect(
      presentTimelineEntry({
        ...stored,
        kind: 'note',
        body: 'Låssmeden på plats',
        author: 'Låssmed (Akut Lås) via ankomstlänk',
      }),
    ).toEqual({
      ...stored,
      kind: 'locksmith_on_site',
      body: '',
      authorKind: 'arrival_link',
      author: 'Akut Lås',
    });
    expect(
      presentTimelineEntry({
        ...stored,
        kind: 'assignee',
        body: 'Låssmed tilldelad: Akut Lås, på plats senast 2027-02-08T10:00:00.000Z',
        toValue: 'Akut Lås',
      }),
    ).toEqual({ ...stored, kind: 'assignee', body: 'assigned', toValue: 'Akut Lås' });
    const note = { ...stored, kind: 'note', body: 'Ringde jouren' };
    expect(presentTimelineEntry(note)).toEqual(note);
    // A person's note that reads like a follow-up is a note, not a link.
    const followUpNote = { ...stored, kind: 'note', body: 'Uppföljning: supportärende SUP-2027-000004' };
    expect(presentTimelineEntry(followUpNote)).toEqual(followUpNote);
    const mailed = {
      ...stored,
      kind: 'arrival_link_mailed',
      body: '',
      params: { mailedTo: ['a@x.example'], mailFailedTo: [] },
    };
    expect(presentTimelineEntry(mailed)).toEqual(mailed);
  });
});
