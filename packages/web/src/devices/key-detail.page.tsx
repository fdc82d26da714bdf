import { useState, type ReactNode } from 'react';
import { AuditLink } from '../audit';
import { BlockKeyButton, sayBlocked, type KeyRow } from './block-key-dialog';
import { DetailError } from '../shared/detail-error';
import { EntityLink } from '../shared/entity-link';
import { KeyBlockListStatus } from './key-block-list-status';
import { KeyHolder } from './key-holder';
import { Page } from '../shared/page';
import { PinResetButton } from './pin-reset';
import { ReplacementKeyButton } from './replacement-key-dialog';
import { ErrorState, FactList, LoadingState, Notice } from '../shared/states';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { useSession } from '../accounts';
import { useSearchParams } from '../shared/router';
import { useResource } from '../shared/use-api';
import { KeyStatus } from './keys.page';
import { sayKeyReason } from './key-reason';

export function KeyDetailPage({ id }: { id: string }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  const session = useSession();
  const key = useResource<KeyRow>(`/keys/${encodeURIComponent(id)}`);
  // Kept with the key it is about: issuing a replacement moves this page to another key.
  const [notice, setNotice] = useState<{ keyId: string; text: string } | undefined>();
  const [params] = useSearchParams();
  const isJustIssued = params.get('issued') === '1';
  if (key.isLoading && !key.data) return <LoadingState />;
  if (key.error) return <DetailError error={key.error} title={t('keys.title')} onRetry={key.reload} />;
  const row = key.data!;
  const canBlock = session.can('digital_key', 'update');
  return (
    <Page
      title={`${label('keyKind', row.kind)} ${row.serial}`}
      backTo="/keys"
      actions={
        canBlock && (
          <>
            <ReplacementKeyButton keyRow={row} />
            <PinResetButton keyRow={row} />
            <BlockKeyButton
              keyRow={row}
              onBlocked={(updated) => {
                setNotice({ keyId: id, text: t(sayBlocked(updated)) });
                key.reload();
              }}
            />
          </>
        )
      }
    >
      {notice?.keyId === id && <Notice>{notice.text}</Notice>}
      {isJustIssued && notice?.keyId !== id && <Notice>{t('keys.issued')}</Notice>}
      <section className="card" aria-label={t('keys.title')}>
        <FactList
          facts={[
            [t('common.serial'), row.serial],
            [t('common.kind'), label('keyKind', row.kind)],
            [t('common.status'), <KeyStatus key="status" status={row.status} />],
            [t('keys.statusReason'), sayKeyReason(translator, row.statusReason)],
            [t('keys.holder'), <KeyHolder key="holder" keyRow={row} />],
            [t('common.provider'), <EntityLink key="provider" apiPath="providers" id={row.providerId} />],
            [t('common.created'), formatDateTime(row.createdAt)],
            [t('common.updated'), formatDateTime(row.updatedAt)],
          ]}
        />
        <AuditLink entity="digital_key" id={row.id} />
      </section>
      <ActivationState keyId={row.id} isPhone={row.kind === 'phone'} />
      {(row.status === 'blocked' || row.status === 'lost') && <KeyBlockListStatus keyId={row.id} />}
      {row.kind === 'phone' && canBlock && <p className="hint">{t('keys.pinResetPhone')}</p>}
    </Page>
  );
}

interface Activation {
  enrolledAt: string | null;
  hasPin: boolean;
  isPinLocked: boolean;
  lastActivationAt: string | null;
  ticketExpiresAt: string | null;
  isActivatedNow: boolean;
}

/** Whether the key works right now, and what stands in the way if not (enrolment, PIN). */
function ActivationState({ keyId, isPhone }: { keyId: string; isPhone: boolean }) {
  const { t, formatDateTime } = useTranslator();
  const state = useResource<Activation>(`/keys/${encodeURIComponent(keyId)}/activation`);
  if (state.isLoading && !state.data) return <LoadingState />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  const data = state.data;
  if (!data) return null;
  const facts: Array<[string, ReactNode]> = [
    [t('keys.activation'), data.isActivatedNow ? t('keys.activatedNow') : t('keys.notActivated')],
    [
      t('keys.lastActivation'),
      data.lastActivationAt ? formatDateTime(data.lastActivationAt) : t('keys.never'),
    ],
    [t('keys.ticketExpires'), data.ticketExpiresAt ? formatDateTime(data.ticketExpiresAt) : t('common.none')],
    [t('keys.enrolled'), data.enrolledAt ? formatDateTime(data.enrolledAt) : t('keys.notEnrolled')],
  ];
  if (!isPhone) {
    facts.push([
      t('keys.pin'),
      data.isPinLocked ? t('keys.pinLocked') : data.hasPin ? t('keys.pinSet') : t('keys.pinNotSet'),
    ]);
  }
  return (
    <Section title={t('keys.activation')}>
      <FactList facts={facts} />
    </Section>
  );
}
