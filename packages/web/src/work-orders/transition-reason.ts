// A history step's reason in the reader's words (docs/work-orders.md "History"): the reasons the
// server records when it moves an order itself (the origin of an order a trigger made, an install
// cancelled by a lock installed outside it or by the customer's refusal, a planned install back
// to requested by the owner's withdrawn consent) are a kind with
// parameters, said here in the console's language; a person's reason is as written.
import type { workOrderTransitionReasonParams, WorkOrderTransitionRow } from '@portvakt/contract';
import { createFactParamsReader } from '../shared/fact-params-reader';
import type { Translator } from '../shared/i18n';

type TransitionReason = Pick<WorkOrderTransitionRow, 'reason' | 'reasonKind' | 'reasonParams'>;

const paramsOf = createFactParamsReader<typeof workOrderTransitionReasonParams, TransitionReason>(
  'reasonKind',
  'reasonParams',
);

/** The reason in words, or '' when the step has none. */
export function sayTransitionReason(
  step: TransitionReason,
  words: Pick<Translator, 't' | 'label' | 'formatDate'>,
): string {
  const { t, label, formatDate } = words;
  switch (step.reasonKind) {
    case 'origin':
      return label('workOrderOrigin', paramsOf(step, 'origin')?.origin);
    case 'lock_installed_outside_order':
      return t('workOrders.reasonLockInstalledOutsideOrder');
    case 'service_extended':
      return t('workOrders.reasonServiceExtended');
    case 'customer_refused_lock':
      return t('workOrders.reasonCustomerRefusedLock', {
        date: formatDate(paramsOf(step, 'customer_refused_lock')?.decidedOn),
      });
    case 'customer_withdrew_consent':
      return t('workOrders.reasonCustomerWithdrewConsent', {
        date: formatDate(paramsOf(step, 'customer_withdrew_consent')?.decidedOn),
      });
    case 'owner_withdrew_consent':
      return t('workOrders.reasonOwnerWithdrewConsent', {
        date: formatDate(paramsOf(step, 'owner_withdrew_consent')?.decidedOn),
      });
    default:
      return step.reason ?? '';
  }
}
