// "Kommer inte in": staff, their work lead or support report a door that will not open. The
// choices are the customers the reporter may report for and the doors on each one's way in.
import type { EmergencyOpening, EmergencyTargetList } from '@portvakt/contract';
import { useState } from 'react';
import { getApi, postApi, withQuery } from '../shared/api-client';
import { InputField, SelectField, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Section } from '../shared/section';
import { Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';

export function EmergencyReportForm({ onReported }: { onReported: () => void }) {
  const { t, label } = useTranslator();
  const [search, setSearch] = useState('');
  const targets = useLoader(`emergency-targets-${search}`, (signal) =>
    getApi<EmergencyTargetList>(withQuery('/emergency-targets', { search: search || undefined }), signal),
  );
  const [customerId, setCustomerId] = useState('');
  const [doorId, setDoorId] = useState('');
  const [description, setDescription] = useState('');
  const customer = targets.data?.items.find((item) => item.customerId === customerId);
  const { problem, done, setDone, isBusy, submit } = useFormSubmit(async () => {
    if (!customerId || !doorId) return say('emergency.chooseDoor');
    const made = await postApi<EmergencyOpening>('/emergency-openings', {
      customerId,
      doorId,
      ...(description.trim() ? { description: description.trim() } : {}),
    });
    setDone(say('emergency.reported', { reference: made.reference }));
    setCustomerId('');
    setDoorId('');
    setDescription('');
    onReported();
  });
  return (
    <Section title={t('emergency.reportTitle')} intro={t('emergency.reportIntro')} section="emergency-report">
      <form onSubmit={(event) => void submit(event)} noValidate className="emergency-report">
        <InputField label={t('emergency.search')} type="search" value={search} onValue={setSearch} />
        <SelectField
          label={t('emergency.customer')}
          value={customerId}
          onChange={(event) => {
            setCustomerId(event.target.value);
            setDoorId('');
            setDone(undefined);
          }}
          blank={t('emergency.chooseCustomer')}
          options={targets.data?.items.map((item) => ({
            value: item.customerId,
            label: `${item.customerName}${item.streetAddress ? `, ${item.streetAddress}` : ''}`,
          }))}
        />
        <SelectField
          label={t('emergency.door')}
          value={doorId}
          disabled={!customer}
          onValue={setDoorId}
          blank={t('emergency.chooseDoor')}
          options={customer?.doors.map((door) => ({
            value: door.doorId,
            label: `${door.label} (${label('doorKind', door.kind)})`,
          }))}
        />
        <TextAreaField
          label={t('emergency.description')}
          value={description}
          maxLength={1000}
          onValue={setDescription}
        />
        {problem && <Notice tone="error">{problem}</Notice>}
        {done && <Notice>{done}</Notice>}
        <button type="submit" className="button button-danger" disabled={isBusy}>
          {t('emergency.report')}
        </button>
      </form>
    </Section>
  );
}
