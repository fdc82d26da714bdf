// A support case's timeline entry as the API shows it (docs/support.md "Support cases"). Entries
// the console puts into words carry a kind and their parameters, never a sentence; one written
// before that (an emergency's "Ankomstlänk mejlad till …", a Swedish sentence stored as a note
// until migration 0044) is read back as the entry it stands for, so the console says it in the
// reader's language. The stored row itself stays as written: the timeline is on record.
import type { SupportCaseNote } from '@portvakt/contract';
import type { Row } from '@portvakt/storage';

type Params = NonNullable<SupportCaseNote['params']>;

/** The sentence the assignment of an emergency used to write, with its two address lists. */
const mailedSentence = /^Ankomstlänk mejlad till (.*?)(?:; kunde inte mejlas till (.*))?$/s;

/** The recipients an old "Ankomstlänk mejlad till …" note named, or undefined for any other note. */
export function readMailedSentence(body: string): Params | undefined {
  const found = mailedSentence.exec(body);
  if (!found) return undefined;
  const mailed = found[1]!;
  const addresses = (list: string | undefined) => (list ? list.split(', ').filter(Boolean) : []);
  return {
    mailedTo: mailed === 'ingen' ? [] : addresses(mailed),
    mailFailedTo: addresses(found[2]),
  };
}

/** One stored timeline row (`listSupportCaseNotes`) as the API shows it. */
export function presentTimelineEntry(row: Row): SupportCaseNote {
  const entry = row as unknown as Omit<SupportCaseNote, 'params'> & { params: Params | null };
  const mailed = entry.kind === 'note' ? readMailedSentence(entry.body) : undefined;
  if (mailed) return { ...entry, kind: 'arrival_link_mailed', body: '', params: mailed };
  return {
    ...entry,
    params: entry.params && {
      mailedTo: entry.params.mailedTo ?? [],
      mailFailedTo: entry.params.mailFailedTo ?? [],
    },
  };
}
