// A support case's title as the API shows it (docs/support.md "Support cases"). The titles the
// server gives the cases it opens are stored as a kind with parameters (migration 0048), which a
// client words in its reader's language; `title` then carries their English wording, so a client
// that only shows `title` still shows something readable. A person's title is as written.
import type { SupportCaseSummary, SupportCaseTitleParamsOf } from '@portvakt/contract';

type CaseTitle = Pick<SupportCaseSummary, 'title' | 'titleKind' | 'titleParams'>;

/** The English words of a title the server gave a case; a `text` title as written. */
export function sayCaseTitleInEnglish({ title, titleKind, titleParams }: CaseTitle): string {
  switch (titleKind) {
    case 'emergency_opening':
      return 'Emergency opening: cannot get in';
    case 'backup_key_taken': {
      const params = titleParams as SupportCaseTitleParamsOf<'backup_key_taken'>;
      return `Backup key taken from ${params.cabinetName}, slot ${params.slot}`;
    }
    case 'emergency_follow_up': {
      const params = titleParams as SupportCaseTitleParamsOf<'emergency_follow_up'>;
      return `Follow-up of emergency opening ${params.emergencyReference}`;
    }
    default:
      return title;
  }
}

/** A stored case row's title fields as the API answers them. */
export function presentCaseTitle(row: Record<string, unknown>): CaseTitle {
  const stored = {
    title: String(row.title),
    titleKind: (row.titleKind ?? 'text') as CaseTitle['titleKind'],
    titleParams: (row.titleParams ?? null) as CaseTitle['titleParams'],
  };
  return { ...stored, title: sayCaseTitleInEnglish(stored) };
}
