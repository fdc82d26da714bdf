// The correction dialog's customer, for a visit at a couple's home (docs/visits.md "A shared
// home"): a lock visit at their door goes to one spouse, and the work lead moves it to the other.
// Loaded when the dialog opens; nothing shows where the customer shares their door with no one
// the reader may see.
import type { Visit, VisitDetail } from '@portvakt/contract';
import { SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { useResource } from '../shared/use-api';

/** The visit, and the customer the correction gives it (its own until another is chosen). */
type HomeCustomerProps = { visit: Visit; value: string; onValue: (customerId: string) => void };

export function HomeCustomerField({ visit, value, onValue }: HomeCustomerProps) {
  const { t } = useTranslator();
  const { data } = useResource<VisitDetail>(`/visits/${visit.id}`);
  const others = data?.homeCustomers ?? [];
  if (others.length === 0) return null;
  return (
    <SelectField
      label={t('visits.customer')}
      hint={t('visits.homeCustomerHint')}
      value={value}
      onValue={onValue}
      options={[
        { value: visit.customerId, label: visit.customerName },
        ...others.map((customer) => ({ value: customer.id, label: customer.name })),
      ]}
    />
  );
}
