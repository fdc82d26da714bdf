// The emergency board (R9.2, docs/support.md "Emergency opening"): open emergencies with live
// countdowns to the locksmith's deadline (amber under 15 minutes, red when overdue), support's
// buttons, and the "Kommer inte in" form for staff and work leads.
import type { EmergencyOpening, EmergencyOpeningList } from '@portvakt/contract';
import { useEffect } from 'react';
import { useSession } from '../accounts';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { EmergencyActions } from './emergency-actions';
import { CountdownClock, judgeClockTone, useServerClock } from './emergency-clock';
import { EmergencyReportForm } from './emergency-report-form';

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
        {emergency.customerName && (
          <div>
            <dt>{t('emergency.customer')}</dt>
            <dd>{emergency.customerName}</dd>
          </div>
        )}
        <div>
          <dt>{t('emergency.door')}</dt>
          <dd>
            {emergency.streetAddress}, {emergency.doorLabel} ({label('doorKind', emergency.doorKind)})
          </dd>
        </div>
        {emergency.lockSerial && (
          <div>
            <dt>{t('emergency.lock')}</dt>
            <dd>{emergency.lockSerial}</dd>
          </div>
        )}
        {emergency.providerName && (
          <div>
            <dt>{t('emergency.provider')}</dt>
            <dd>{emergency.providerName}</dd>
          </div>
        )}
        <div>
          <dt>{t('emergency.reportedAt')}</dt>
          <dd>
            {formatDateTime(emergency.reportedAt)}
            {emergency.reportedBy ? ` · ${emergency.reportedBy}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('emergency.locksmith')}</dt>
          <dd>
            {emergency.locksmithCompanyName ?? t('emergency.notAssigned')}
            {emergency.dueAt ? ` · ${t('emergency.dueAt')} ${formatDateTime(emergency.dueAt)}` : ''}
          </dd>
        </div>
        {emergency.onSiteAt && (
          <div>
            <dt>{t('emergency.locksmith')}</dt>
            <dd>{t('emergency.onSite', { time: formatDateTime(emergency.onSiteAt) })}</dd>
          </div>
        )}
        {emergency.doorOpenedAt && (
          <div>
            <dt>{t('emergency.door')}</dt>
            <dd>{t('emergency.doorOpened', { time: formatDateTime(emergency.doorOpenedAt) })}</dd>
          </div>
        )}
        {emergency.closedAt && (
          <div>
            <dt>{t('emergency.close')}</dt>
            <dd>
              {t('emergency.closedAt', {
                time: formatDateTime(emergency.closedAt),
                cause: t(`emergency.cause.${emergency.cause ?? 'unknown'}` as MessageKey),
              })}
            </dd>
          </div>
        )}
        {(emergency.followUpWorkOrderReference || emergency.followUpCaseReference) && (
          <div>
            <dt>{t('emergency.followUps')}</dt>
            <dd>
              {[emergency.followUpWorkOrderReference, emergency.followUpCaseReference]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </div>
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
