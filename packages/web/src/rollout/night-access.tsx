// R2.6 in the console: doors on a customer's way in that cannot be opened when their night or
// alarm service comes, on the customer page, the team page and the rollout dashboard.
import type {
  CustomerAccessWarnings,
  NightAccessWarning,
  TeamAccessWarnings,
  WeekSpan,
} from '@portvakt/contract';
import { EntityLink } from '../shared/entity-link';
import { useTranslator, type Translator } from '../shared/i18n';
import { Link } from '../shared/router';
import { Section } from '../shared/section';
import { RowTable } from '../shared/row-table';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';

type Window = { from: string; to: string; days?: number[] };

/** "mån–fre", "alla dagar", "lör, sön". */
function describeDays(t: Translator, days: readonly number[] | undefined): string {
  if (!days || days.length === 7) return t.t('rollout.everyDay');
  const sorted = [...days].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  const name = (day: number) => t.label('weekday', String(day));
  return runs.map(([a, b]) => (a === b ? name(a) : `${name(a)}–${name(b)}`)).join(', ');
}

export function describeWindows(t: Translator, windows: readonly Window[]): string {
  if (windows.length === 0) return t.t('rollout.aroundTheClock');
  return windows
    .map((w) => t.t('rollout.hoursOn', { days: describeDays(t, w.days), from: w.from, to: w.to }))
    .join(', ');
}

/** "alla dagar 22:00–06:00", or "fre 21:00 – mån 07:00" for a stretch longer than a day. */
export function describeSpans(t: Translator, spans: readonly WeekSpan[]): string {
  return spans
    .flatMap((span) => {
      if (span.minutes <= 24 * 60)
        return [t.t('rollout.hoursOn', { days: describeDays(t, span.days), from: span.from, to: span.to })];
      const [hours, minutes] = span.from.split(':').map(Number) as [number, number];
      const extraDays = Math.floor((hours * 60 + minutes + span.minutes) / (24 * 60));
      return span.days.map((day) =>
        t.t('rollout.untilDay', {
          days: t.label('weekday', String(day)),
          from: span.from,
          toDay: t.label('weekday', String(((day - 1 + extraDays) % 7) + 1)),
          to: span.to === '24:00' ? '00:00' : span.to,
        }),
      );
    })
    .join(', ');
}

function WarningText({ warning }: { warning: NightAccessWarning }) {
  const translator = useTranslator();
  return (
    <>
      {translator.t('rollout.customerWarning', {
        door: warning.doorLabel,
        address: warning.streetAddress,
        method: translator.label('openingMethod', warning.openingMethod ?? 'other'),
        hours: describeWindows(translator, warning.openingHours),
        provider: warning.providerName,
        service: translator.label('serviceKind', warning.service),
        closed: describeSpans(translator, warning.closedSpans),
      })}
    </>
  );
}

/** On the customer page: nothing when the customer can be let in whenever the service comes. */
export function CustomerNightAccessNotice({ customerId }: { customerId: string }) {
  const { t } = useTranslator();
  const warnings = useResource<CustomerAccessWarnings>(`/customers/${customerId}/access-warnings`);
  const items = warnings.data?.warnings ?? [];
  if (items.length === 0) return null;
  return (
    <section className="notice notice-warning" data-section="night-access" role="status">
      <h2>{t('rollout.customerWarningTitle')}</h2>
      <ul>
        {items.map((warning) => (
          <li key={`${warning.doorId}-${warning.providerId}-${warning.service}`}>
            <WarningText warning={warning} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A table of customers and the doors closed when their service comes. */
export function NightAccessTable({ items }: { items: TeamAccessWarnings['items'] }) {
  const translator = useTranslator();
  const { t, label } = translator;
  return (
    <RowTable
      caption={t('rollout.warningsTitle')}
      rows={items.flatMap((customer) =>
        customer.warnings.map((warning, index) => ({ customer, warning, isFirst: index === 0 })),
      )}
      rowKey={({ customer, warning }) =>
        `${customer.customerId}-${warning.doorId}-${warning.providerId}-${warning.service}`
      }
      columns={[
        {
          header: t('rollout.customer'),
          // The customer is named once, on the first of their doors.
          render: ({ customer, isFirst }) =>
            isFirst ? <Link to={`/customers/${customer.customerId}`}>{customer.customerName}</Link> : '',
        },
        {
          header: t('rollout.door'),
          render: ({ warning }) => (
            <>
              {warning.doorLabel}, {warning.streetAddress}
            </>
          ),
        },
        {
          header: t('rollout.opens'),
          render: ({ warning }) => (
            <>
              {label('openingMethod', warning.openingMethod ?? 'other')}{' '}
              {describeWindows(translator, warning.openingHours)}
            </>
          ),
        },
        {
          header: t('rollout.service'),
          render: ({ warning }) => (
            <>
              {label('serviceKind', warning.service)},{' '}
              <EntityLink apiPath="providers" id={warning.providerId} hiddenText={warning.providerName} />
            </>
          ),
        },
        {
          header: t('rollout.closedWhen'),
          render: ({ warning }) => describeSpans(translator, warning.closedSpans),
        },
      ]}
    />
  );
}

/** On a team page: the team's customers behind a door closed when their service comes. */
export function TeamNightAccessSection({ teamId }: { teamId: string }) {
  const { t } = useTranslator();
  const warnings = useResource<TeamAccessWarnings>(`/teams/${teamId}/access-warnings`);
  const items = warnings.data?.items ?? [];
  return (
    <Section
      title={t('rollout.teamWarningsTitle')}
      intro={t('rollout.teamWarningsIntro')}
      section="night-access"
    >
      <ResourceStates
        resource={warnings}
        isEmpty={items.length === 0}
        emptyText={t('rollout.teamWarningsEmpty')}
      >
        <NightAccessTable items={items} />
      </ResourceStates>
    </Section>
  );
}
