// A key cabinet's page: its slots (which backup key, in or out, since when, with whom, why; a key
// out past the municipality's limit in red), "Ta ut nyckel" per slot holding a key, and the log
// of takes and returns from the cabinet's signed records.
import type { KeyCabinetDetail, KeyCabinetTake } from '@portvakt/contract';
import { useState } from 'react';
import { RowButton } from '../components';
import { useSession } from '../accounts';
import { SimpleTable } from '../shared/data-table';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { EmptyState, ErrorState, FactList, LoadingState, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { TakeKeyDialog } from './take-key-dialog';

function ReasonText({ take }: { take: KeyCabinetTake }) {
  const { t } = useTranslator();
  return (
    <>
      {t(`keyCabinets.reason.${take.reason}` as MessageKey)}
      {take.reasonText && <span className="muted"> · {take.reasonText}</span>}
      {take.supportCaseReference && <span className="muted"> · {take.supportCaseReference}</span>}
    </>
  );
}

export function KeyCabinetPage({ id }: { id: string }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const detail = useResource<KeyCabinetDetail>(`/key-cabinets/${id}`);
  const [takingSlot, setTakingSlot] = useState<number | undefined>();
  const [taken, setTaken] = useState<KeyCabinetTake | undefined>();
  const canTake = session.can('key_cabinet_take', 'create');
  if (!detail.data)
    return (
      <Page title={t('keyCabinets.title')} backTo="/key-cabinets">
        {detail.error ? <ErrorState error={detail.error} onRetry={detail.reload} /> : <LoadingState />}
      </Page>
    );
  const { cabinet, slots, takes, keyOutLimitMinutes } = detail.data;
  return (
    <Page title={cabinet.name} backTo="/key-cabinets">
      <FactList
        facts={[
          [t('keyCabinets.location'), cabinet.location ?? '–'],
          [t('keyCabinets.provider'), cabinet.providerName],
          [t('keyCabinets.slots'), String(cabinet.slotCount)],
          [
            t('keyCabinets.device'),
            cabinet.isEnrolled ? t('keyCabinets.enrolled') : t('keyCabinets.notEnrolled'),
          ],
        ]}
      />
      {taken && (
        <Notice>
          {taken.supportCaseReference
            ? t('keyCabinets.takenWithCase', { slot: taken.slot, reference: taken.supportCaseReference })
            : t('keyCabinets.taken', { slot: taken.slot })}
        </Notice>
      )}
      <Section
        title={t('keyCabinets.slotsTitle')}
        intro={t('keyCabinets.slotsIntro', { limit: keyOutLimitMinutes })}
        section="cabinet-slots"
      >
        <SimpleTable
          caption={t('keyCabinets.slotsCaption')}
          headers={[
            { text: t('keyCabinets.slot'), isNumeric: true },
            t('keyCabinets.key'),
            t('keyCabinets.state'),
            t('keyCabinets.since'),
            t('keyCabinets.by'),
            t('keyCabinets.reason'),
            { text: t('keyCabinets.take'), isVisuallyHidden: true },
          ]}
        >
          {slots.map((slot) => (
            <tr key={slot.slot} data-slot={slot.slot} className={slot.isOverdue ? 'row-overdue' : undefined}>
              <td className="numeric">{slot.slot}</td>
              <td>{slot.backupKeyLabel ?? (slot.backupKeyId ? '–' : '')}</td>
              <td>
                <span className={`tag tag-slot-${slot.state}`}>
                  {t(`keyCabinets.state.${slot.state}` as MessageKey)}
                </span>
                {slot.isOverdue && <span className="tag tag-overdue">{t('keyCabinets.overdueTag')}</span>}
              </td>
              <td>{slot.since ? formatDateTime(slot.since) : ''}</td>
              <td>{slot.take?.staffName ?? ''}</td>
              <td>{slot.take ? <ReasonText take={slot.take} /> : ''}</td>
              <td>
                {canTake && slot.state === 'in' && (
                  <RowButton onClick={() => setTakingSlot(slot.slot)}>{t('keyCabinets.take')}</RowButton>
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      </Section>
      <Section title={t('keyCabinets.logTitle')} intro={t('keyCabinets.logIntro')} section="cabinet-log">
        {takes.length === 0 ? (
          <EmptyState>{t('keyCabinets.noTakes')}</EmptyState>
        ) : (
          <SimpleTable
            caption={t('keyCabinets.logCaption')}
            headers={[
              { text: t('keyCabinets.slot'), isNumeric: true },
              t('keyCabinets.key'),
              t('keyCabinets.by'),
              t('keyCabinets.reason'),
              t('keyCabinets.authorisedAt'),
              t('keyCabinets.takenAt'),
              t('keyCabinets.returnedAt'),
            ]}
          >
            {takes.map((take) => (
              <tr key={take.id} data-take={take.id} className={take.isOverdue ? 'row-overdue' : undefined}>
                <td className="numeric">{take.slot}</td>
                <td>{take.backupKeyLabel ?? '–'}</td>
                <td>{take.staffName ?? '–'}</td>
                <td>
                  <ReasonText take={take} />
                </td>
                <td>{formatDateTime(take.authorisedAt)}</td>
                <td>
                  {take.takenAt
                    ? formatDateTime(take.takenAt)
                    : take.cancelledAt
                      ? t('keyCabinets.lapsed')
                      : '–'}
                </td>
                <td>{take.returnedAt ? formatDateTime(take.returnedAt) : '–'}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Section>
      {canTake && (
        <TakeKeyDialog
          cabinetId={cabinet.id}
          providerId={cabinet.providerId}
          slot={takingSlot}
          onClose={() => setTakingSlot(undefined)}
          onTaken={(take) => {
            setTakingSlot(undefined);
            setTaken(take);
            detail.reload();
          }}
        />
      )}
    </Page>
  );
}
