// Why a permission changed, as the permission history's "Varför" says it: the reason the change
// gave, else why a key was blocked (a code the server writes, such as `employment_ended`, in the
// reader's words), else the reason of what it ended.
import type { AuditEntry } from '../audit';
import { sayKeyReason } from '../devices';
import type { Translator } from '../shared/i18n';

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function sayChangeReason(
  entry: Pick<AuditEntry, 'before' | 'after'>,
  translator: Pick<Translator, 't' | 'label'>,
): string | undefined {
  const after = (entry.after as Fields | null) ?? {};
  const before = (entry.before as Fields | null) ?? {};
  const statusReason = text(after.statusReason);
  return (
    text(after.reason) ?? (statusReason && sayKeyReason(translator, statusReason)) ?? text(before.reason)
  );
}
