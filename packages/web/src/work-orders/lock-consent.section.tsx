// "Lås och samtycke" on the customer page (docs/work-orders.md "Triggers, consent and
// introductions"): per door on the way in, whether its lock is mounted and in use; the providers
// serving the customer and whether each is introduced (R8.4), with a button to record it; the
// customer's consent history and a form to record a consent or refusal (R6.2).
import type { CustomerLockStatus, LockConsentHistory, LockConsentResult } from '@portvakt/contract';
import { lockConsentDecisions, lockConsentWays } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { NamedChoiceField, TitledForm } from '../components';
import { postApi } from '../shared/api-client';
import { ResourceTable, RowTable } from '../shared/row-table';
import { InputField, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Link } from '../shared/router';
import { Section } from '../shared/section';
import { Notice, ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';

type Door = CustomerLockStatus['doors'][number];

function DoorLockState({ door }: { door: Door }) {
  const { t } = useTranslator();
  if (!door.lockId) return <span className="muted">{t('lockConsent.noLock')}</span>;
  return door.isInUse ? (
    <span className="tag tag-installed">{t('lockConsent.inUse')}</span>
  ) : (
    <span className="tag tag-lost">{t('lockConsent.mountedNotInUse')}</span>
  );
}

/**
 * Who uses a door's lock for this customer: the providers serving them today that are
 * introduced, then those still missing (the lock is not in use for them yet, R8.4). A door
 * without a lock has no one using it.
 */
function DoorProviders({ door, providers }: { door: Door; providers: CustomerLockStatus['providers'] }) {
  const { t } = useTranslator();
  if (!door.lockId || providers.length === 0) return <span className="muted">{t('common.none')}</span>;
  const names = (introduced: boolean) =>
    providers
      .filter((provider) => (provider.introducedOn !== null) === introduced)
      .map((provider) => provider.name)
      .join(', ');
  const introduced = names(true);
  const missing = names(false);
  return (
    <>
      {introduced}
      {introduced && missing && ' · '}
      {missing && t('lockConsent.missingProviders', { names: missing })}
    </>
  );
}

function ConsentForm({
  customerId,
  today,
  onRecorded,
}: {
  customerId: string;
  today: string;
  onRecorded: (text: string) => void;
}) {
  const { t } = useTranslator();
  const [decision, setDecision] = useState<string>('consented');
  const [givenHow, setGivenHow] = useState<string>('signed_form');
  const [decidedOn, setDecidedOn] = useState(today);
  const [note, setNote] = useState('');
  const sending = useFormSubmit(async () => {
    const result = await postApi<LockConsentResult>(`/customers/${customerId}/lock-consents`, {
      decision,
      givenHow,
      decidedOn,
      note: note.trim() || null,
    });
    setNote('');
    const recorded =
      result.cancelledOrders.length > 0
        ? t('lockConsent.recordedCancelled', { count: result.cancelledOrders.length })
        : t('lockConsent.recorded');
    onRecorded(
      result.returnedOrders.length > 0
        ? `${recorded} ${t('lockConsent.recordedReturned', { count: result.returnedOrders.length })}`
        : recorded,
    );
  });
  return (
    <TitledForm
      title={t('lockConsent.record')}
      submitLabel={t('lockConsent.submit')}
      noValidate
      sending={sending}
    >
      <div className="form-inline">
        <NamedChoiceField
          names="lockConsent.decision"
          value={decision}
          values={lockConsentDecisions}
          onChoose={setDecision}
        />
        <NamedChoiceField
          names="lockConsent.way"
          label={t('lockConsent.givenHow')}
          value={givenHow}
          values={lockConsentWays}
          onChoose={setGivenHow}
        />
        <InputField
          label={t('lockConsent.decidedOn')}
          type="date"
          value={decidedOn}
          max={today}
          onValue={setDecidedOn}
          required
        />
      </div>
      <TextAreaField label={t('lockConsent.note')} rows={2} maxLength={1000} value={note} onValue={setNote} />
    </TitledForm>
  );
}

export function LockConsentSection({
  customerId,
  onChanged,
}: {
  customerId: string;
  /** Called after a decision or an introduction is recorded (the customer's refused flag may change). */
  onChanged?: () => void;
}) {
  const { t, formatDate, describeProblem } = useTranslator();
  const session = useSession();
  const status = useResource<CustomerLockStatus>(`/customers/${customerId}/lock-status`);
  const history = useResource<LockConsentHistory>(
    session.can('lock_consent') ? `/customers/${customerId}/lock-consents` : null,
  );
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const canIntroduce = session.can('provider_introduction', 'create');
  const ownProvider = session.me.providerId;
  const data = status.data;
  const reload = (text: string) => {
    setNotice({ text, tone: 'success' });
    status.reload();
    history.reload();
    onChanged?.();
  };
  const introduce = async (providerId: string, name: string) => {
    try {
      await postApi('/provider-introductions', { customerId, providerId, introducedOn: data!.day });
      reload(t('lockConsent.introduced', { name }));
    } catch (error) {
      setNotice({ text: describeProblem(error), tone: 'error' });
    }
  };
  return (
    <Section title={t('lockConsent.title')} intro={t('lockConsent.intro')} section="lock-consent">
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <ResourceStates resource={status} isEmpty={false} emptyText="" />
      {data?.hasRefusedLock && <Notice tone="error">{t('lockConsent.refusedNow')}</Notice>}
      {data && (
        <>
          <h3>{t('lockConsent.doors')}</h3>
          <RowTable
            emptyText={t('lockConsent.doorsEmpty')}
            caption={t('lockConsent.doors')}
            rows={data.doors}
            rowKey={(door) => door.doorId}
            rowData={(door) => ({ 'data-door': door.label })}
            columns={[
              { header: t('lockConsent.door'), render: (door) => door.label },
              {
                header: t('lockConsent.lockState'),
                render: (door) => (
                  <>
                    {door.lockId && door.lockSerial && session.can('lock_device') ? (
                      <Link to={`/locks/${door.lockId}`}>{door.lockSerial}</Link>
                    ) : (
                      door.lockSerial
                    )}{' '}
                    <DoorLockState door={door} />
                  </>
                ),
              },
              {
                header: t('lockConsent.providers'),
                render: (door) => <DoorProviders door={door} providers={data.providers} />,
              },
            ]}
          />
          <h3>{t('lockConsent.providers')}</h3>
          {data.providers.length === 0 ? (
            <p className="muted">{t('lockConsent.providersEmpty')}</p>
          ) : (
            <ul>
              {data.providers.map((provider) => (
                <li key={provider.providerId} data-provider={provider.name}>
                  <strong>{provider.name}</strong>:{' '}
                  {provider.introducedOn
                    ? t('lockConsent.introducedOn', { date: formatDate(provider.introducedOn) })
                    : t('lockConsent.notIntroduced')}
                  {!provider.introducedOn &&
                    canIntroduce &&
                    (!ownProvider || ownProvider === provider.providerId) && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => void introduce(provider.providerId, provider.name)}
                        >
                          {t('lockConsent.introduce')}
                        </button>
                      </>
                    )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {session.can('lock_consent') && (
        <>
          <h3>{t('lockConsent.history')}</h3>
          <ResourceTable
            resource={history}
            emptyText={t('lockConsent.historyEmpty')}
            caption={t('lockConsent.history')}
            columns={[
              { header: t('lockConsent.decidedOn'), render: (item) => formatDate(item.decidedOn) },
              {
                header: t('lockConsent.decision'),
                render: (item) => t(`lockConsent.decision.${item.decision}` as MessageKey),
              },
              {
                header: t('lockConsent.givenHow'),
                render: (item) => t(`lockConsent.way.${item.givenHow}` as MessageKey),
              },
              { header: t('lockConsent.note'), render: (item) => item.note ?? '' },
              {
                header: t('lockConsent.recordedBy'),
                render: (item) => item.recordedByName ?? item.recordedBy,
              },
            ]}
          />
        </>
      )}
      {data && session.can('lock_consent', 'create') && (
        <ConsentForm customerId={customerId} today={data.day} onRecorded={reload} />
      )}
    </Section>
  );
}
