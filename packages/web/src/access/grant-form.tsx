// The form that gives one staff member of a chosen provider a temporary grant to the customer.
import type { Static } from 'typebox';
import type { ProviderRow as ProviderRowSchema } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { StaffPicker, type StaffRow } from '../registry';
import { getEntityCached, postApi } from '../shared/api-client';
import { describeEntity } from '../shared/entity-link';
import { InputField, SubmitButton, TextAreaField } from '../shared/field';
import { say, useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';
import { fromLocalInputValue, suggestEndOfShift, toLocalInputValue } from '../shared/time';
import { useFormSubmit } from '../shared/use-form-submit';
import { chosenServices, type CustomerServiceRow } from './customer-services';

type ProviderRow = Static<typeof ProviderRowSchema>;
type GrantField = 'staff' | 'until' | 'reason';

export function GrantForm({
  customerId,
  services,
  onGranted,
}: {
  customerId: string;
  services: CustomerServiceRow[];
  onGranted: (text: string) => void;
}) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const ownProvider = session.me.providerId;
  const chosen = chosenServices(services).filter(
    (service) => !ownProvider || service.providerId === ownProvider,
  );
  const providerIds = [...new Set(chosen.map((service) => service.providerId))].sort();
  const [staffMemberId, setStaffMemberId] = useState('');
  const [chosenStaff, setChosenStaff] = useState<StaffRow | undefined>();
  const [validUntil, setValidUntil] = useState(() => toLocalInputValue(suggestEndOfShift(undefined)));
  const [isUntilTouched, setIsUntilTouched] = useState(false);
  const [reason, setReason] = useState('');
  // The field the form's own check refused, marked invalid beside the problem's words.
  const [invalidField, setInvalidField] = useState<GrantField | undefined>();

  // The suggested end follows the chosen person's provider: a night patrol's shift ends at 07:00.
  const chooseStaff = (id: string, row: StaffRow | undefined) => {
    setStaffMemberId(id);
    setChosenStaff(row);
    if (!row || isUntilTouched) return;
    const service =
      chosen.find((candidate) => candidate.providerId === row.providerId)?.service ?? 'home_care';
    getEntityCached<ProviderRow>('providers', row.providerId).then(
      (provider) =>
        setValidUntil(toLocalInputValue(suggestEndOfShift(provider.serviceWindows?.[service] ?? undefined))),
      () => undefined,
    );
  };

  const refuse = (field: GrantField, key: MessageKey) => {
    setInvalidField(field);
    return say(key);
  };

  const { problem, isBusy, submit } = useFormSubmit(async () => {
    setInvalidField(undefined);
    if (!staffMemberId) return refuse('staff', 'customers.grantStaffMissing');
    const until = fromLocalInputValue(validUntil);
    if (!until) return refuse('until', 'customers.grantUntilMissing');
    if (until.getTime() <= Date.now()) return refuse('until', 'customers.grantUntilPast');
    if (reason.trim().length < 3) return refuse('reason', 'customers.grantReasonMissing');
    await postApi('/access-grants', {
      staffMemberId,
      customerId,
      validUntil: until.toISOString(),
      reason: reason.trim(),
    });
    const row = chosenStaff;
    setStaffMemberId('');
    setChosenStaff(undefined);
    setReason('');
    setIsUntilTouched(false);
    setValidUntil(toLocalInputValue(suggestEndOfShift(undefined)));
    onGranted(
      t('customers.grantGiven', {
        name: row ? describeEntity(row) : '',
        until: formatDateTime(until.toISOString()),
      }),
    );
  });

  if (providerIds.length === 0) return <p className="hint">{t('customers.grantNoProvider')}</p>;

  return (
    <form
      className="form grant-form"
      aria-label={t('customers.grantGive')}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3>{t('customers.grantGive')}</h3>
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="form-inline">
        <StaffPicker
          label={t('customers.grantStaff')}
          providerIds={providerIds}
          value={staffMemberId}
          isInvalid={invalidField === 'staff'}
          onChange={chooseStaff}
        />
        <InputField
          label={t('customers.grantUntil')}
          hint={t('customers.grantUntilHint')}
          type="datetime-local"
          value={validUntil}
          min={toLocalInputValue(new Date())}
          aria-invalid={invalidField === 'until'}
          onChange={(event) => {
            setIsUntilTouched(true);
            setValidUntil(event.target.value);
          }}
          required
        />
      </div>
      <TextAreaField
        label={t('customers.grantReason')}
        hint={t('customers.grantReasonHint')}
        isMarkedRequired
        rows={2}
        maxLength={500}
        value={reason}
        aria-invalid={invalidField === 'reason'}
        onValue={setReason}
        required
      />
      <div>
        <SubmitButton isBusy={isBusy}>{t('customers.grantSubmit')}</SubmitButton>
      </div>
    </form>
  );
}
