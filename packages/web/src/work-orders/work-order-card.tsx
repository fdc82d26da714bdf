// One order as a card on the board and in the installer's list: what, where, who, when.
import type { WorkOrderSummary } from '@portvakt/contract';
import type { ReactNode } from 'react';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

export function formatBooking(
  language: 'sv' | 'en',
  from: string | null,
  until: string | null,
  fallback: string,
): string {
  if (!from) return fallback;
  const format = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return until ? format.formatRange(new Date(from), new Date(until)) : format.format(new Date(from));
}

export function WorkOrderCard({
  order,
  to,
  extra,
}: {
  order: WorkOrderSummary;
  to: string;
  extra?: ReactNode;
}) {
  const { t, label, language } = useTranslator();
  const assignee = order.assignedUserName ?? order.assignedCompanyName ?? t('workOrders.unassigned');
  return (
    <li className="card work-order-card" data-work-order={order.reference}>
      <h3>
        <Link to={to}>
          {label('workOrderKind', order.kind)} · {order.reference}
        </Link>
      </h3>
      <p className="work-order-address">
        {order.streetAddress}, {order.doorLabel}
      </p>
      <p className="muted">
        {assignee} · {formatBooking(language, order.bookedFrom, order.bookedUntil, t('workOrders.unbooked'))}
      </p>
      {order.awaits !== 'nothing' && order.state === 'requested' && (
        <p className="work-order-awaits">
          {t('workOrders.awaits', { what: label('workOrderAwaits', order.awaits) })}
        </p>
      )}
      {extra}
    </li>
  );
}
