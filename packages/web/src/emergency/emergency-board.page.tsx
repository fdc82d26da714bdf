// The emergency board (R9.2, docs/support.md "Emergency opening"): open emergencies with live
// countdowns to the locksmith's deadline (amber under 15 minutes, red when overdue), support's
// buttons, and the "Kommer inte in" form for staff and work leads.
import type { EmergencyOpening, EmergencyOpeningList } from '@portvakt/contract';
import { useEffect, type ReactNode } from 'react';
import { useSession } from '../accounts';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { EmergencyActions } from './emergency-actions';
import { CountdownClock, judgeClockTone, useServerClock } from './emergency-clock';
import { EmergencyReportForm } from './emergency-report-form';

/** One line of a card's facts. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EmergencyCard({
  emergency,
  now,
  canChange,
  onChanged,
}: {
  emergency: EmergencyOpening;
  now: number;
  canChange: boolean;
  onChanged: () => void;
}) {
  const { t, label, formatDateTime } = useTranslator();
  const isWaiting = Boolean(emergency.dueAt && !emergency.onSiteAt && !emergency.closedAt);
  const tone = isWaiting ? judgeClockTone(emergency.dueAt!, now) : 'ok';
  return (
    <li className={`card emergency-card emergency-card-${tone}`} data-emergency={emergency.reference}>
      <div className="emergency-card-head">
        <h2>
          {emergency.reference}
          {tone !== 'ok' && (
            <span className={`tag emergency-flag-${tone}`}>{t(`emergency.flag.${tone}` as MessageKey)}</span>
          )}
        </h2>
        {isWaiting && <CountdownClock dueAt={emergency.dueAt!} now={now} />}
      </div>
      <dl className="emergency-facts">
        {emergency.customerName && <Fact term={t('emergency.customer')}>{emergency.customerName}</Fact>}
        <Fact term={t('emergency.door')}>
          {emergency.streetAddress}, {emergency.doorLabel} ({label('doorKind', emergency.doorKind)})
        </Fact>
        {emergency.lockSerial && <Fact term={t('emergency.lock')}>{emergency.lockSerial}</Fact>}
        {emergency.providerName && <Fact term={t('emergency.provider')}>{emergency.providerName}</Fact>}
        <Fact term={t('emergency.reportedAt')}>
          {formatDateTime(emergency.reportedAt)}
          {emergency.reportedBy ? ` · ${emergency.reportedByName ?? emergency.reportedBy}` : ''}
        </Fact>
        <Fact term={t('emergency.locksmith')}>
          {emergency.locksmithCompanyName ?? t('emergency.notAssigned')}
          {/* The deadline is for the locksmith on the way: once closed nobody is waiting for it. */}
          {emergency.dueAt && !emergency.closedAt
            ? ` · ${t('emergency.dueAt')} ${formatDateTime(emergency.dueAt)}`
            : ''}
        </Fact>
        {emergency.onSiteAt && (
          <Fact term={t('emergency.onSiteTerm')}>{formatDateTime(emergency.onSiteAt)}</Fact>
        )}
        {emergency.doorOpenedAt && (
          <Fact term={t('emergency.doorOpenedTerm')}>{formatDateTime(emergency.doorOpenedAt)}</Fact>
        )}
        {emergency.closedAt && (
          <Fact term={t('emergency.closing')}>
            {t('emergency.closedAt', {
              time: formatDateTime(emergency.closedAt),
              cause: t(`emergency.cause.${emergency.cause ?? 'unknown'}` as MessageKey),
            })}
          </Fact>
        )}
        {(emergency.followUpWorkOrderReference || emergency.followUpCaseReference) && (
          <Fact term={t('emergency.followUps')}>
            {[emergency.followUpWorkOrderReference, emergency.followUpCaseReference]
              .filter(Boolean)
              .join(', ')}
          </Fact>
        )}
      </dl>
      {emergency.description && <p className="muted">{emergency.description}</p>}
      {canChange && <EmergencyActions emergency={emergency} onChanged={onChanged} />}
    </li>
  );
}

export function EmergencyBoardPage() {
  const { t } = useTranslator();
  const session = useSession();
  const list = useResource<EmergencyOpeningList>('/emergency-openings?state=all&limit=50');
  const now = useServerClock(list.data?.now);
  // New reports and arrivals come in without anyone touching the page.
  useEffect(() => {
    const timer = window.setInterval(list.reload, 30_000);
    return () => window.clearInterval(timer);
  }, [list.reload]);
  const open = list.data?.items.filter((emergency) => !emergency.closedAt) ?? [];
  // The latest closed ones stay in view for their follow-ups.
  const closed = list.data?.items.filter((emergency) => emergency.closedAt) ?? [];
  const renderCard = (emergency: EmergencyOpening) => (
    <EmergencyCard
      key={emergency.id}
      emergency={emergency}
      now={now}
      canChange={session.can('emergency_opening', 'update')}
      onChanged={list.reload}
    />
  );
  return (
    <Page
      title={t('emergency.boardTitle')}
      intro={t('emergency.boardIntro', { minutes: list.data?.slaMinutes ?? 60 })}
    >
      {session.can('emergency_opening', 'create') && <EmergencyReportForm onReported={list.reload} />}
      <ResourceStates resource={list} isEmpty={open.length === 0} emptyText={t('emergency.noneOpen')}>
        <ul className="emergency-board" data-list="open">
          {open.map((emergency) => renderCard(emergency))}
        </ul>
      </ResourceStates>
      {closed.length > 0 && (
        <>
          <h2>{t('emergency.closedTitle')}</h2>
          <ul className="emergency-board" data-list="closed">
            {closed.map((emergency) => renderCard(emergency))}
          </ul>
        </>
      )}
    </Page>
  );
}
