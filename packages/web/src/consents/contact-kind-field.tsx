// How the owner was reached (letter, call, e-mail, meeting): asked the same way when a contact
// is logged and when a withdrawal is recorded, so both offer the kinds the API accepts.
import { ownerContactKinds } from '@portvakt/contract';
import { SelectField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';

export function ContactKindField({ value, onChange }: { value: string; onChange: (kind: string) => void }) {
  const { t } = useTranslator();
  return (
    <SelectField
      label={t('consents.logKind')}
      value={value}
      onValue={onChange}
      options={ownerContactKinds.map((kind) => ({
        value: kind,
        label: t(`consents.kind.${kind}` as MessageKey),
      }))}
    />
  );
}
