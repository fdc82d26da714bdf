// A key cabinet's page: its slots (which backup key, in or out, since when, with whom, why; a key
// out past the municipality's limit in red; a key the cabinet signed out without an authorisation,
// or for someone other than the person authorised, flagged), "Ta ut nyckel" per slot holding a
// key in the cabinet, "Återkalla" per take authorised and not yet used, and the log of takes and
// returns from the cabinet's signed records. Those who may change the cabinet get "Ändra
// uppgifter" and "Ta ur bruk" while it is in use.
import type { KeyCabinetDetail, KeyCabinetTake } from '@portvakt/contract';
import { useState } from 'react';
import { postApi } from '../shared/api-client';
import { PendingPage, RowButton } from '../components';
import { useSession } from '../accounts';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { RowTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { FactList, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { EditKeyCabinetButton, RetireKeyCabinetButton } from './key-cabinet-dialog';
import { TakeKeyDialog } from './take-key-dialog';

function ReasonText({ take }: { take: KeyCabinetTake }) {
  const { t } = useTranslator();
  return (
    <>
      {take.reason ? t(`keyCabinets.reason.${take.reason}` as MessageKey) : t('keyCabinets.unauthorisedTake')}
      {take.reasonText && <span className="muted"> · {take.reasonText}</span>}
      {take.supportCaseReference && <span className="muted"> · {take.supportCaseReference}</span>}
    </>
  );
}

/**
 * With whom the key is: the person authorised; or, when the cabinet signed the take for someone
 * else (or with no authorisation), that person when the reader may know them, else said so.
 */
function TakerText({ take }: { take: KeyCabinetTake }) {
  const { t } = useTranslator();
  if (take.isUnauthorised) return <>{take.takenByName ?? t('keyCabinets.unknownPerson')}</>;
  if (!take.isTakenByOther) return <>{take.staffName ?? '–'}</>;
  return (
    <>
      {take.takenByName ?? t('keyCabinets.otherPerson')}
      {take.staffName && (
        <span className="muted"> · {t('keyCabinets.approvedFor', { name: take.staffName })}</span>
      )}
    </>
  );
}

const isDeviation = (state: string) => state === 'out_by_other' || state === 'out_unauthorised';

export function KeyCabinetPage({ id }: { id: string }) {
  const { t, formatDate, formatDateTime, describeProblem } = useTranslator();
  const session = useSession();
  const [problem, setProblem] = useState<string | undefined>();
  const [withdrawnSlot, setWithdrawnSlot] = useState<number | undefined>();
  const detail = useResource<KeyCabinetDetail>(`/key-cabinets/${id}`);
  const [takingSlot, setTakingSlot] = useState<number | undefined>();
  const [taken, setTaken] = useState<KeyCabinetTake | undefined>();
  const canTake = session.can('key_cabinet_take', 'create');
  if (!detail.data)
    return <PendingPage title={t('keyCabinets.title')} backTo="/key-cabinets" resource={detail} />;
  const { cabinet, slots, takes, keyOutLimitMinutes } = detail.data;
  const deviations = slots.filter((slot) => isDeviation(slot.state)).map((slot) => slot.slot);
  const withdraw = async (take: KeyCabinetTake) => {
    setProblem(undefined);
    setTaken(undefined);
    try {
      await postApi(`/key-cabinets/${cabinet.id}/takes/${take.id}/withdraw`, {});
      setWithdrawnSlot(take.slot);
    } catch (error) {
      setWithdrawnSlot(undefined);
      setProblem(describeProblem(error));
    }
    detail.reload();
  };
  const canChange = session.can('key_cabinet', 'update') && cabinet.retiredAt === null;
  return (
    <Page
      title={cabinet.name}
      backTo="/key-cabinets"
      actions={
        canChange && (
          <>
            <EditKeyCabinetButton cabinet={cabinet} onSaved={detail.reload} />
            <RetireKeyCabinetButton cabinet={cabinet} onRetired={detail.reload} />
          </>
        )
      }
    >
      {cabinet.retiredAt && (
        <Notice>{t('keyCabinets.retired', { date: formatDate(cabinet.retiredAt) })}</Notice>
      )}
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
      {deviations.length > 0 && (
        <Notice tone="error">{t('keyCabinets.deviationNotice', { slots: deviations.join(', ') })}</Notice>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
      {withdrawnSlot !== undefined && (
        <Notice tone="success">{t('keyCabinets.withdrawn', { slot: withdrawnSlot })}</Notice>
      )}
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
        <RowTable
          caption={t('keyCabinets.slotsCaption')}
          rows={slots}
          rowKey={(slot) => slot.slot}
          rowData={(slot) => ({ 'data-slot': String(slot.slot), 'data-state': slot.state })}
          rowClassName={(slot) => (slot.isOverdue ? 'row-overdue' : undefined)}
          columns={[
            { header: { text: t('keyCabinets.slot'), isNumeric: true }, render: (slot) => slot.slot },
            {
              header: t('keyCabinets.key'),
              render: (slot) =>
                slot.backupKeyLabel ??
                (slot.backupKeyId ? <span className="muted">{t('keyCabinets.unlabelled')}</span> : ''),
            },
            {
              header: t('keyCabinets.state'),
              render: (slot) => (
                <>
                  <span className={`tag tag-slot-${slot.state}`}>
                    {t(`keyCabinets.state.${slot.state}` as MessageKey)}
                  </span>
                  {slot.isOverdue && <span className="tag tag-overdue">{t('keyCabinets.overdueTag')}</span>}
                </>
              ),
            },
            {
              header: t('keyCabinets.since'),
              render: (slot) => (slot.since ? formatDateTime(slot.since) : ''),
            },
            {
              header: t('keyCabinets.by'),
              render: (slot) => (slot.take ? <TakerText take={slot.take} /> : ''),
            },
            {
              header: t('keyCabinets.reason'),
              render: (slot) => (slot.take ? <ReasonText take={slot.take} /> : ''),
            },
            {
              header: { text: t('keyCabinets.take'), isVisuallyHidden: true },
              render: (slot) =>
                canTake &&
                (slot.state === 'in' ? (
                  <RowButton onClick={() => setTakingSlot(slot.slot)}>{t('keyCabinets.take')}</RowButton>
                ) : (
                  slot.state === 'authorised' &&
                  slot.take && (
                    <RowButton onClick={() => void withdraw(slot.take!)}>
                      {t('keyCabinets.withdraw')}
                    </RowButton>
                  )
                )),
            },
          ]}
        />
      </Section>
      <Section title={t('keyCabinets.logTitle')} intro={t('keyCabinets.logIntro')} section="cabinet-log">
        <RowTable
          emptyText={t('keyCabinets.noTakes')}
          caption={t('keyCabinets.logCaption')}
          rows={takes}
          rowData={(take) => ({ 'data-take': take.id })}
          rowClassName={(take) => (take.isOverdue ? 'row-overdue' : undefined)}
          columns={[
            { header: { text: t('keyCabinets.slot'), isNumeric: true }, render: (take) => take.slot },
            {
              header: t('keyCabinets.key'),
              render: (take) =>
                take.backupKeyLabel ?? <span className="muted">{t('keyCabinets.unlabelled')}</span>,
            },
            { header: t('keyCabinets.by'), render: (take) => <TakerText take={take} /> },
            { header: t('keyCabinets.reason'), render: (take) => <ReasonText take={take} /> },
            {
              header: t('keyCabinets.authorisedAt'),
              render: (take) =>
                take.authorisedAt ? formatDateTime(take.authorisedAt) : t('keyCabinets.unauthorisedTake'),
            },
            {
              header: t('keyCabinets.takenAt'),
              render: (take) =>
                take.takenAt
                  ? formatDateTime(take.takenAt)
                  : take.isWithdrawn
                    ? t('keyCabinets.withdrawnTake')
                    : take.isLapsed
                      ? t('keyCabinets.lapsed')
                      : '–',
            },
            {
              header: t('keyCabinets.returnedAt'),
              render: (take) => (take.returnedAt ? formatDateTime(take.returnedAt) : '–'),
            },
          ]}
        />
      </Section>
      {canTake && (
        <TakeKeyDialog
          cabinetId={cabinet.id}
          providerId={cabinet.providerId}
          slot={takingSlot}
          onClose={() => setTakingSlot(undefined)}
          onTaken={(take) => {
            setTakingSlot(undefined);
            setWithdrawnSlot(undefined);
            setProblem(undefined);
            setTaken(take);
            detail.reload();
          }}
        />
      )}
    </Page>
  );
}
