// A support case's timeline entry as the API shows it (docs/support.md "Support cases"). Entries
// the console puts into words carry a kind and their parameters, never a sentence; those an
// emergency wrote before that as Swedish sentences (until migration 0044 "Ankomstlänk mejlad till
// …", until 0045 "Låssmeden på plats" by "Låssmed (…) via ankomstlänk", "Dörren öppnad",
// "Nödöppningen avslutad, orsak: …", "Uppföljning: …" and "Låssmed tilldelad: …") are read back
// as the entries they stand for, so the console says them in the reader's language. The stored
// row itself stays as written: the timeline is on record.
import {
  emergencyCauses,
  workOrderKinds,
  type SupportCaseNote,
  type SupportCaseNoteParamsOf,
} from '@portvakt/contract';
import type { Row } from '@portvakt/storage';

type Entry = SupportCaseNote;
type Fact = Pick<Entry, 'kind' | 'params'>;

/** The sentence the assignment of an emergency used to write, with its two address lists. */
const mailedSentence = /^Ankomstlänk mejlad till (.*?)(?:; kunde inte mejlas till (.*))?$/s;

/** The recipients an old "Ankomstlänk mejlad till …" note named, or undefined for any other note. */
export function readMailedSentence(body: string): SupportCaseNoteParamsOf<'arrival_link_mailed'> | undefined {
  const found = mailedSentence.exec(body);
  if (!found) return undefined;
  const mailed = found[1]!;
  const addresses = (list: string | undefined) => (list ? list.split(', ').filter(Boolean) : []);
  return {
    mailedTo: mailed === 'ingen' ? [] : addresses(mailed),
    mailFailedTo: addresses(found[2]),
  };
}

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  (list as readonly string[]).includes(value ?? '');

/** The cause (a code) and note an old "Nödöppningen avslutad, orsak: …" note named. */
export function readClosedSentence(body: string): SupportCaseNoteParamsOf<'emergency_closed'> | undefined {
  const found = /^Nödöppningen avslutad, orsak: ([a-z_]+)(?:\. (.*))?$/s.exec(body);
  if (!found || !isOneOf(emergencyCauses, found[1])) return undefined;
  return { cause: found[1], note: found[2] ?? null };
}

/** The follow-up an old "Uppföljning: …" link entry named. */
export function readFollowUpSentence(body: string): SupportCaseNoteParamsOf<'follow_up_opened'> | undefined {
  const supportCase = /^Uppföljning: supportärende (\S+)$/.exec(body);
  if (supportCase) return { followUp: 'support_case', reference: supportCase[1]!, workOrderKind: null };
  const workOrder = /^Uppföljning: (?:arbetsorder (\S+)|befintlig arbetsorder) \(([a-z_]+)\)$/.exec(body);
  if (!workOrder || !isOneOf(workOrderKinds, workOrder[2])) return undefined;
  return { followUp: 'work_order', reference: workOrder[1] ?? null, workOrderKind: workOrder[2] };
}

/** The entry an old sentence stands for (its body then empty), or undefined for any other row. */
function readOldSentence(kind: string, body: string): Fact | undefined {
  if (kind === 'note') {
    if (body === 'Dörren öppnad') return { kind: 'door_opened', params: null };
    if (body === 'Låssmeden på plats') return { kind: 'locksmith_on_site', params: null };
    const mailed = readMailedSentence(body);
    if (mailed) return { kind: 'arrival_link_mailed', params: mailed };
    const closed = readClosedSentence(body);
    if (closed) return { kind: 'emergency_closed', params: closed };
  }
  if (kind === 'link') {
    const followUp = readFollowUpSentence(body);
    if (followUp) return { kind: 'follow_up_opened', params: followUp };
  }
  return undefined;
}

/** The company an old "Låssmed (…) via ankomstlänk" author named ('' for "okänt företag"). */
export function readArrivalLinkAuthor(author: string): string | undefined {
  const found = /^Låssmed \((.*)\) via ankomstlänk$/s.exec(author);
  if (!found) return undefined;
  return found[1] === 'okänt företag' ? '' : found[1]!;
}

/** One stored timeline row (`listSupportCaseNotes`) as the API shows it. */
export function presentTimelineEntry(row: Row): Entry {
  const entry = row as unknown as Entry;
  // An emergency's assignment wrote "Låssmed tilldelad: …" where every other assignee entry has
  // the code; the company is its `toValue` either way.
  if (entry.kind === 'assignee' && entry.body.startsWith('Låssmed tilldelad: '))
    return { ...entry, body: 'assigned' };
  const old = readOldSentence(entry.kind, entry.body);
  if (!old) return entry;
  const company = old.kind === 'locksmith_on_site' ? readArrivalLinkAuthor(entry.author) : undefined;
  return {
    ...entry,
    ...old,
    body: '',
    ...(company === undefined ? {} : { authorKind: 'arrival_link' as const, author: company }),
  };
}
