// Providers, and the hours each one serves its customers (service windows): staff open doors only
// within them. Municipality admins edit the hours; everyone else who may see a provider reads them.
import type { Static } from 'typebox';
import type { ProviderRow as ProviderRowSchema } from '@portvakt/contract';
import { serviceKinds } from '@portvakt/core';
import { useEffect, useState } from 'react';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { AuditLink } from '../audit';
import { type Column } from '../shared/data-table';
import { createNameColumn } from '../shared/list-columns';
import { ListPage } from '../shared/list-page';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { FactList, SendingNotice } from '../shared/states';
import { InputField, SubmitButton } from '../shared/field';
import { Section } from '../shared/section';
import { say, useTranslator } from '../shared/i18n';
import { useSession } from '../accounts';
import type { ServiceWindow } from '../shared/time';
import { useFormSubmit } from '../shared/use-form-submit';

type ServiceWindows = Partial<Record<string, ServiceWindow[]>>;

export type ProviderRow = Static<typeof ProviderRowSchema>;

const clock = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const clockTo = /^([01][0-9]|2[0-4]):[0-5][0-9]$/;

function describeWindows(windows: ServiceWindow[] | undefined, aroundTheClock: string, overMidnight: string) {
  if (!windows || windows.length === 0) return aroundTheClock;
  return windows
    .map((window) => `${window.from}–${window.to}${window.to <= window.from ? ` (${overMidnight})` : ''}`)
    .join(', ');
}

export function ProvidersPage() {
  const { t, label } = useTranslator();
  const columns: Array<Column<ProviderRow>> = [
    createNameColumn('name', t('common.name'), '/providers'),
    {
      key: 'ownership',
      header: t('providers.ownership'),
      render: (row) => label('ownership', row.ownership),
    },
    {
      key: 'kinds',
      header: t('providers.kinds'),
      render: (row) => row.kinds.map((kind) => label('providerKind', kind)).join(', '),
    },
    {
      key: 'windows',
      header: t('providers.serviceWindows'),
      render: (row) =>
        serviceKinds
          .filter((service) => row.serviceWindows?.[service]?.length)
          .map(
            (service) =>
              `${label('serviceKind', service)}: ${describeWindows(row.serviceWindows?.[service], '', t('providers.overMidnight'))}`,
          )
          .join('; ') || t('providers.aroundTheClock'),
    },
  ];
  return <ListPage name="providers" searchPlaceholder={t('common.name')} columns={columns} />;
}

function ServiceWindowsEditor({ provider, onSaved }: { provider: ProviderRow; onSaved: () => void }) {
  const { t, label } = useTranslator();
  const session = useSession();
  const canEdit = session.can('provider', 'update');
  const [draft, setDraft] = useState<ServiceWindows>(provider.serviceWindows ?? {});
  useEffect(() => setDraft(provider.serviceWindows ?? {}), [provider]);

  const change = (service: string, index: number, field: 'from' | 'to', value: string) =>
    setDraft((current) => ({
      ...current,
      [service]: (current[service] ?? []).map((window, i) =>
        i === index ? { ...window, [field]: value } : window,
      ),
    }));
  const add = (service: string) =>
    setDraft((current) => ({
      ...current,
      [service]: [...(current[service] ?? []), { from: '07:00', to: '22:00' }],
    }));
  const remove = (service: string, index: number) =>
    setDraft((current) => ({
      ...current,
      [service]: (current[service] ?? []).filter((_, i) => i !== index),
    }));

  const { problem, done, setDone, isBusy, submit } = useFormSubmit(async () => {
    const cleaned: ServiceWindows = {};
    for (const service of serviceKinds) {
      const windows = draft[service] ?? [];
      if (windows.some((w) => !clock.test(w.from) || !clockTo.test(w.to) || w.from === w.to))
        return say('providers.windowInvalid');
      if (windows.length > 0) cleaned[service] = windows;
    }
    await patchApi(`/providers/${provider.id}`, { serviceWindows: cleaned });
    forgetCachedEntities('providers');
    setDone(say('providers.windowsSaved'));
    onSaved();
  });

  return (
    <Section
      title={t('providers.serviceWindows')}
      intro={t('providers.serviceWindowsIntro')}
      section="service-windows"
    >
      <SendingNotice problem={problem} done={done} />
      {!canEdit && (
        <>
          <dl className="facts">
            {serviceKinds.map((service) => (
              <div key={service} className="fact">
                <dt>{label('serviceKind', service)}</dt>
                <dd>
                  {describeWindows(
                    provider.serviceWindows?.[service],
                    t('providers.aroundTheClock'),
                    t('providers.overMidnight'),
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <p className="hint">{t('providers.serviceWindowsReadOnly')}</p>
        </>
      )}
      {canEdit && (
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          {serviceKinds.map((service) => {
            const windows = draft[service] ?? [];
            const serviceLabel = label('serviceKind', service);
            return (
              <fieldset key={service} className="window-fieldset">
                <legend>{serviceLabel}</legend>
                {windows.length === 0 && <p className="muted">{t('providers.aroundTheClock')}</p>}
                {windows.map((window, index) => (
                  <div key={index} className="form-inline window-row">
                    <InputField
                      label={t('providers.windowFrom')}
                      type="time"
                      value={window.from}
                      required
                      onChange={(event) => change(service, index, 'from', event.target.value)}
                    />
                    <InputField
                      label={t('providers.windowTo')}
                      type="time"
                      value={window.to === '24:00' ? '00:00' : window.to}
                      required
                      onChange={(event) => change(service, index, 'to', event.target.value)}
                    />
                    {window.to <= window.from && <span className="tag">{t('providers.overMidnight')}</span>}
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      aria-label={t('providers.removeWindow', {
                        from: window.from,
                        to: window.to,
                        service: serviceLabel,
                      })}
                      onClick={() => remove(service, index)}
                    >
                      {t('common.delete')}
                    </button>
                  </div>
                ))}
                {windows.length < 7 && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => add(service)}
                  >
                    {t('providers.addWindow', { service: serviceLabel })}
                  </button>
                )}
              </fieldset>
            );
          })}
          <div>
            <SubmitButton isBusy={isBusy}>{t('providers.saveWindows')}</SubmitButton>
          </div>
        </form>
      )}
    </Section>
  );
}

export function ProviderDetailPage({ id }: { id: string }) {
  const { t, label } = useTranslator();
  const { row, pending, reload } = useDetailRecord<ProviderRow>('providers', id);
  if (!row) return pending;
  return (
    <Page title={row.name} backTo="/providers">
      <section className="card" aria-label={t('providers.title')}>
        <FactList
          facts={[
            [t('providers.ownership'), label('ownership', row.ownership)],
            [t('providers.kinds'), row.kinds.map((kind) => label('providerKind', kind)).join(', ')],
            [t('providers.organisationNumber'), row.organisationNumber ?? t('common.none')],
            [t('providers.contactEmail'), row.contactEmail ?? t('common.none')],
            [t('providers.contactPhone'), row.contactPhone ?? t('common.none')],
          ]}
        />
        <AuditLink entity="provider" id={row.id} />
      </section>
      <ServiceWindowsEditor provider={row} onSaved={reload} />
    </Page>
  );
}
