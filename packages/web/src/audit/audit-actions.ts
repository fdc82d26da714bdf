import { auditActions } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';

/** The audit page's action filter: every action the server writes, by its label. */
export function listActionOptions(label: Translator['label']): Array<{ value: string; label: string }> {
  return auditActions.map((value) => ({ value, label: label('auditAction', value) }));
}
