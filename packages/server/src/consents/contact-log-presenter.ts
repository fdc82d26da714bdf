// An owner's contact-log entry as the API shows it (docs/consents.md "Contact log"). The entries
// the server writes carry an outcome kind and their parameters, never a sentence; those written
// before migration 0046 as Swedish sentences ("Samtyckesförfrågan skickad till …", "Påminnelse N
// skickad till …", "Samtycket återkallat för …") are read back as the entries they stand for, so
// the console says them in the reader's language. The stored row itself stays as written: what
// was said to an owner is on record. A person's own entry is a note, shown as they wrote it.
import type { OwnerContactLogEntry, OwnerContactLogParamsOf } from '@portvakt/contract';
import type { OwnerContactLogRecord } from '@portvakt/storage';

type Fact = Pick<OwnerContactLogEntry, 'outcomeKind' | 'params'>;

/** What an old "Samtyckesförfrågan skickad till …" outcome named, or undefined for any other text. */
export function readRequestSentSentence(
  outcome: string,
): OwnerContactLogParamsOf<'consent_request_sent'> | undefined {
  const found = /^Samtyckesförfrågan skickad till (.*) \(([^()]*)\) om (\d+) dörr\(ar\) på (.*)\.$/s.exec(
    outcome,
  );
  if (!found) return undefined;
  return {
    contactName: found[1]!,
    email: found[2]!,
    doorCount: Number(found[3]),
    streetAddress: found[4]!,
  };
}

/** What an old "Påminnelse N skickad till …" outcome named. */
export function readReminderSentence(
  outcome: string,
): OwnerContactLogParamsOf<'consent_reminder_sent'> | undefined {
  const found = /^Påminnelse (\d+) skickad till (.*) \(([^()]*)\)\.$/s.exec(outcome);
  if (!found) return undefined;
  return { reminder: Number(found[1]), contactName: found[2]!, email: found[3]! };
}

/**
 * What an old "Samtycket återkallat för …" outcome named: the door labels (the sentence joined
 * them with ", ") and the note after ": ", or none when it ended in ".".
 */
export function readWithdrawnSentence(
  outcome: string,
): OwnerContactLogParamsOf<'consent_withdrawn'> | undefined {
  const found = /^Samtycket återkallat för (.+?)(?:\.|: (.*))$/s.exec(outcome);
  if (!found) return undefined;
  return { doors: found[1]!.split(', '), note: found[2] ?? null };
}

/**
 * The fact an old outcome stands for, or undefined for any other row. Only the server wrote those
 * sentences, always about a request and at the moment it recorded them (`at` = `recordedAt`); a
 * person's entry is logged for a time of its own, so one that reads alike stays a note.
 */
function readOldSentence(entry: OwnerContactLogRecord): Fact | undefined {
  if (entry.outcomeKind !== 'note' || entry.consentRequestId === null) return undefined;
  if (entry.at.getTime() !== entry.recordedAt.getTime()) return undefined;
  if (entry.kind === 'email') {
    const sent = readRequestSentSentence(entry.outcome);
    if (sent) return { outcomeKind: 'consent_request_sent', params: sent };
    const reminder = readReminderSentence(entry.outcome);
    if (reminder) return { outcomeKind: 'consent_reminder_sent', params: reminder };
  }
  const withdrawn = readWithdrawnSentence(entry.outcome);
  if (withdrawn) return { outcomeKind: 'consent_withdrawn', params: withdrawn };
  return undefined;
}

/** One stored contact-log row as the API shows it. */
export function presentContactLogEntry(entry: OwnerContactLogRecord): OwnerContactLogEntry {
  const shown: OwnerContactLogEntry = {
    ...entry,
    kind: entry.kind as OwnerContactLogEntry['kind'],
    at: entry.at.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    params: entry.params as OwnerContactLogEntry['params'],
  };
  const old = readOldSentence(entry);
  return old ? { ...shown, ...old, outcome: '' } : shown;
}
