// An entrance's consent status as a coloured tag: green consented, red declined or withdrawn,
// amber while waiting.
import type { EntranceConsentStatus } from '@portvakt/core';
import { useTranslator, type MessageKey } from '../shared/i18n';

const tone: Record<EntranceConsentStatus, string> = {
  not_asked: '',
  asked: 'tag-warning',
  reminded: 'tag-warning',
  consented: 'tag-active',
  declined: 'tag-blocked',
  withdrawn: 'tag-blocked',
};

export function ConsentStatusTag({ status }: { status: EntranceConsentStatus }) {
  const { t } = useTranslator();
  return (
    <span className={`tag ${tone[status]}`} data-status={status}>
      {t(`consents.status.${status}` as MessageKey)}
    </span>
  );
}
