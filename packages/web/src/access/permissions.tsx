// Pieces shared by the customer and staff pages for "who may open what, and why": rule badges,
// the explain reasons, a time picker ("now" unless asked otherwise) and the permission history.
import { allowRules } from '@portvakt/core';
import { useState, type FormEvent } from 'react';
import type { AuditEntry } from '../audit';
import { InputField } from '../shared/field';
import { ResourceTableSection } from '../shared/table-section';
import { useTranslator } from '../shared/i18n';
import { fromLocalInputValue, toLocalInputValue } from '../shared/time';
import { useResource } from '../shared/use-api';
import { EntityLink } from '../shared/entity-link';
import { sayChangeReason } from './change-reason';

export interface Reason {
  rule: string;
  text: string;
}

const allowed = new Set<string>(allowRules);

/** The rule as a small badge with its Swedish (or English) label; the stable code is in the title. */
export function RuleBadge({ rule }: { rule: string }) {
  const { label } = useTranslator();
  return (
    <span
      className={`tag tag-rule ${allowed.has(rule) ? 'tag-rule-allow' : 'tag-rule-deny'}`}
      title={rule}
      data-rule={rule}
    >
      {label('permissionRule', rule)}
    </span>
  );
}

/** Each reason: the rule badge and the server's sentence, in the UI language (Accept-Language). */
export function ReasonList({ reasons }: { reasons: Reason[] }) {
  return (
    <ul className="reason-list">
      {reasons.map((reason, index) => (
        <li key={`${reason.rule}-${index}`}>
          <RuleBadge rule={reason.rule} /> <span className="reason-text">{reason.text}</span>
        </li>
      ))}
    </ul>
  );
}

/** The "at which time" field, in local time; empty means now. */
export function AtTimeField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslator();
  return (
    <InputField
      label={t('common.at')}
      hint={t('common.atTimeHint')}
      type="datetime-local"
      value={value}
      onValue={onChange}
    />
  );
}

/**
 * "At which time": empty means now. The chosen instant is handed up only on "Visa", so the
 * lists do not reload on every keystroke.
 */
export function AtTimePicker({ at, onChange }: { at: string | undefined; onChange: (at?: string) => void }) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState(at ? toLocalInputValue(new Date(at)) : '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const date = fromLocalInputValue(draft);
    onChange(date ? date.toISOString() : undefined);
  };
  return (
    <form className="form form-inline at-picker" onSubmit={submit}>
      <AtTimeField value={draft} onChange={setDraft} />
      <button type="submit" className="button button-secondary">
        {t('common.show')}
      </button>
      {at && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setDraft('');
            onChange(undefined);
          }}
        >
          {t('common.backToNow')}
        </button>
      )}
    </form>
  );
}

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** What one change was about, in a line: staff, team, time range. */
function HistoryDetails({ entry, hide }: { entry: AuditEntry; hide: 'customer' | 'staff' }) {
  const { t, label, formatDate, formatDateTime } = useTranslator();
  const fields: Fields = {
    ...((entry.before as Fields | null) ?? {}),
    ...((entry.after as Fields | null) ?? {}),
  };
  const staffId = text(fields.staffMemberId) ?? text(fields.holderStaffMemberId);
  const teamId = text(fields.teamId);
  const customerId = text(fields.customerId);
  const from = text(fields.validFrom);
  const until = text(fields.validUntil);
  const parts = [];
  if (staffId && hide !== 'staff')
    parts.push(<EntityLink key="staff" apiPath="staff" pagePath="/staff" id={staffId} />);
  if (teamId) parts.push(<EntityLink key="team" apiPath="teams" pagePath="/teams" id={teamId} />);
  if (customerId && hide !== 'customer')
    parts.push(<EntityLink key="customer" apiPath="customers" pagePath="/customers" id={customerId} />);
  if (text(fields.serial)) parts.push(<span key="serial">{text(fields.serial)}</span>);
  // A service decides which provider's staff may open (R3.2): its kind, provider and days.
  if (entry.entity === 'customer_service') {
    if (text(fields.service))
      parts.push(<span key="service">{label('serviceKind', text(fields.service))}</span>);
    if (text(fields.providerId))
      parts.push(
        <EntityLink key="provider" apiPath="providers" pagePath="/providers" id={text(fields.providerId)} />,
      );
    if (text(fields.startsOn))
      parts.push(
        <span key="days" className="muted">
          {t('permissions.validRange', {
            from: formatDate(text(fields.startsOn)),
            until: text(fields.endsOn) ? formatDate(text(fields.endsOn)) : t('permissions.untilFurther'),
          })}
        </span>,
      );
  }
  // The way in is recorded as its doors in order; the change shows the doors it ended with.
  if (entry.entity === 'access_path' && Array.isArray(entry.after)) {
    const doorIds = (entry.after as unknown[]).filter((id): id is string => typeof id === 'string');
    if (doorIds.length === 0) parts.push(<span key="no-doors">{t('permissions.noWayIn')}</span>);
    for (const doorId of doorIds) parts.push(<EntityLink key={doorId} apiPath="doors" id={doorId} />);
  }
  if (entry.entity === 'digital_key' && text(fields.status))
    parts.push(<span key="status">{label('keyStatus', text(fields.status))}</span>);
  // An employment's last day decides what the staff member may open (docs/permissions.md).
  const endsBefore = (entry.before as Fields | null)?.employmentEndsOn;
  const endsAfter = (entry.after as Fields | null)?.employmentEndsOn;
  if (entry.entity === 'staff_member' && endsAfter !== undefined && endsAfter !== endsBefore)
    parts.push(
      <span key="employment">
        {t('permissions.employmentEnds', {
          day: text(endsAfter) ? formatDate(text(endsAfter)) : t('permissions.untilFurther'),
        })}
      </span>,
    );
  if (from || until)
    parts.push(
      <span key="range" className="muted">
        {t('permissions.validRange', {
          from: formatDateTime(from),
          until: until ? formatDateTime(until) : t('permissions.untilFurther'),
        })}
      </span>,
    );
  if (parts.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="history-details">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && ' · '}
          {part}
        </span>
      ))}
    </span>
  );
}

/** The permission history of a customer or a staff member: who changed what, when and why. */
export function PermissionHistory({ subject, id }: { subject: 'customers' | 'staff'; id: string }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  const history = useResource<{ items: AuditEntry[] }>(
    `/${subject}/${encodeURIComponent(id)}/permission-history?limit=100`,
  );
  return (
    <ResourceTableSection
      title={t('permissions.history')}
      intro={t('permissions.historyIntro')}
      resource={history}
      emptyText={t('permissions.historyEmpty')}
      columns={[
        { header: t('permissions.historyWhen'), render: (entry) => formatDateTime(entry.occurredAt) },
        {
          header: t('permissions.historyWho'),
          render: (entry) => (
            <>
              {entry.actorName ?? entry.actorLabel}
              {entry.actorRole && <span className="muted"> ({label('role', entry.actorRole)})</span>}
            </>
          ),
        },
        {
          header: t('permissions.historyWhat'),
          render: (entry) => (
            <>
              {label('auditAction', entry.action)} {label('auditEntity', entry.entity).toLowerCase()}
            </>
          ),
        },
        {
          header: t('permissions.historyDetails'),
          render: (entry) => (
            <HistoryDetails entry={entry} hide={subject === 'customers' ? 'customer' : 'staff'} />
          ),
        },
        {
          header: t('permissions.historyWhy'),
          render: (entry) => sayChangeReason(entry, translator) ?? t('common.none'),
        },
      ]}
    />
  );
}
