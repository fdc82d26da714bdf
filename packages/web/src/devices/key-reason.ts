// Why a key is blocked, in the reader's words. The server writes a code where it blocks a key
// itself (a leaver's keys, `employment_ended`; a block with no reason given, the key's status);
// a reason a person typed is shown as written.
import { keyStatuses } from '@portvakt/core';
import type { Translator } from '../shared/i18n';

export function sayKeyReason(
  { t, label }: Pick<Translator, 't' | 'label'>,
  reason: string | null | undefined,
): string {
  if (!reason) return t('common.none');
  if (reason === 'employment_ended') return t('keys.reason.employmentEnded');
  if ((keyStatuses as readonly string[]).includes(reason)) return label('keyStatus', reason);
  return reason;
}
