import type { Static } from 'typebox';
import type {
  DoorRow,
  LockRow as LockRowSchema,
  PropertyRow as PropertyRowSchema,
  DistrictRow as DistrictRowSchema,
  DigitalKeyRow as DigitalKeyRowSchema,
} from '@portvakt/contract';
import { keyStatuses } from '@portvakt/core';
import { listAll } from '../shared/api-client';
import { BarChart, type Bar, type BarTone } from './chart';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, LoadingState } from '../shared/states';
import { useTranslator, type Language, type MessageKey } from '../shared/i18n';
import { useSession } from '../accounts';
import { useLoader, useResource } from '../shared/use-api';
import { sayKeysSummary } from './overview-texts';
import { sayCount, type CountKey } from '../shared/say-count';

type LockRow = Static<typeof LockRowSchema>;
type PropertyRow = Static<typeof PropertyRowSchema>;
type DistrictRow = Static<typeof DistrictRowSchema>;
type KeyRow = Static<typeof DigitalKeyRowSchema>;

interface FleetFigures {
  installedLocks: LockRow[];
  districtOfLock: Map<string, string>;
  districts: DistrictRow[];
  isCapped: boolean;
}

const batteryBuckets: Array<{ label: string; from: number; to: number; tone: BarTone }> = [
  { label: '0–9 %', from: 0, to: 9, tone: 'danger' },
  { label: '10–24 %', from: 10, to: 24, tone: 'warning' },
  { label: '25–49 %', from: 25, to: 49, tone: 'primary' },
  { label: '50–74 %', from: 50, to: 74, tone: 'good' },
  { label: '75–100 %', from: 75, to: 100, tone: 'good' },
];

const keyTones: Record<string, BarTone> = {
  active: 'good',
  blocked: 'danger',
  lost: 'warning',
  retired: 'neutral',
};

/**
 * The API has no aggregate endpoints yet, so the figures are counted here from the lists; they
 * are exact as long as the lists are not capped, and the page says so when they are.
 */
async function loadFleet(canReadDistricts: boolean, signal: AbortSignal): Promise<FleetFigures> {
  const [locks, doors, properties, districts] = await Promise.all([
    listAll<LockRow>('/locks', { status: 'installed' }, signal),
    listAll<DoorRow>('/doors', {}, signal),
    listAll<PropertyRow>('/properties', {}, signal),
    canReadDistricts
      ? listAll<DistrictRow>('/districts', {}, signal)
      : Promise.resolve({ items: [], isCapped: false }),
  ]);
  const propertyOfDoor = new Map(doors.items.map((door) => [door.id, door.propertyId]));
  const districtOfProperty = new Map(properties.items.map((property) => [property.id, property.districtId]));
  const districtOfLock = new Map<string, string>();
  for (const lock of locks.items) {
    const propertyId = lock.doorId ? propertyOfDoor.get(lock.doorId) : undefined;
    const districtId = propertyId ? districtOfProperty.get(propertyId) : undefined;
    if (districtId) districtOfLock.set(lock.id, districtId);
  }
  return {
    installedLocks: locks.items,
    districtOfLock,
    districts: districts.items,
    isCapped: locks.isCapped || doors.isCapped || properties.isCapped || districts.isCapped,
  };
}

function FleetCharts() {
  const { t, formatNumber } = useTranslator();
  const session = useSession();
  const canReadDistricts = session.can('district');
  const fleet = useLoader(`fleet:${canReadDistricts}`, (signal) => loadFleet(canReadDistricts, signal));
  if (fleet.isLoading && !fleet.data) return <LoadingState />;
  if (fleet.error) return <ErrorState error={fleet.error} onRetry={fleet.reload} />;
  const data = fleet.data!;
  if (data.installedLocks.length === 0 && data.districts.length === 0)
    return <EmptyState>{t('overview.noLocks')}</EmptyState>;

  const perDistrict = new Map<string, number>(data.districts.map((district) => [district.id, 0]));
  let withoutDistrict = 0;
  for (const lock of data.installedLocks) {
    const districtId = data.districtOfLock.get(lock.id);
    if (districtId && perDistrict.has(districtId))
      perDistrict.set(districtId, perDistrict.get(districtId)! + 1);
    else withoutDistrict += 1;
  }
  const districtBars: Bar[] = data.districts
    .map((district) => ({ label: district.name, value: perDistrict.get(district.id) ?? 0 }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  if (withoutDistrict > 0)
    districtBars.push({ label: t('overview.noDistrict'), value: withoutDistrict, tone: 'neutral' });

  const batteryBars: Bar[] = batteryBuckets.map((bucket) => ({
    label: bucket.label,
    tone: bucket.tone,
    value: data.installedLocks.filter(
      (lock) =>
        lock.batteryLevel !== null && lock.batteryLevel >= bucket.from && lock.batteryLevel <= bucket.to,
    ).length,
  }));
  batteryBars.push({
    label: t('overview.batteryUnknown'),
    tone: 'neutral',
    value: data.installedLocks.filter((lock) => lock.batteryLevel === null).length,
  });
  const lowBattery = data.installedLocks.filter(
    (lock) => lock.batteryLevel !== null && lock.batteryLevel < 25,
  ).length;

  return (
    <>
      {data.isCapped && (
        <p className="muted">
          {t('common.showingCapped', { count: formatNumber(data.installedLocks.length) })}
        </p>
      )}
      {canReadDistricts && (
        <section className="card">
          <BarChart
            title={t('overview.locksPerDistrict')}
            summary={t('overview.locksPerDistrictSummary', {
              count: formatNumber(data.installedLocks.length),
            })}
            bars={districtBars}
          />
        </section>
      )}
      <section className="card">
        <BarChart
          title={t('overview.battery')}
          summary={t('overview.batterySummary', { low: formatNumber(lowBattery) })}
          bars={batteryBars}
        />
      </section>
    </>
  );
}

function KeyChart() {
  const translator = useTranslator();
  const { t, label } = translator;
  const keys = useLoader('keys', (signal) => listAll<KeyRow>('/keys', {}, signal));
  if (keys.isLoading && !keys.data) return <LoadingState />;
  if (keys.error) return <ErrorState error={keys.error} onRetry={keys.reload} />;
  const items = keys.data!.items;
  if (items.length === 0) return <EmptyState>{t('overview.noKeys')}</EmptyState>;
  const count = (status: string) => items.filter((key) => key.status === status).length;
  const bars: Bar[] = keyStatuses.map((status) => ({
    label: label('keyStatus', status),
    value: count(status),
    tone: keyTones[status] ?? 'primary',
  }));
  return (
    <section className="card">
      <BarChart
        title={t('overview.keys')}
        summary={sayKeysSummary(translator, {
          active: count('active'),
          blocked: count('blocked'),
          lost: count('lost'),
        })}
        bars={bars}
      />
    </section>
  );
}

interface EventSummary {
  days: Array<{ day: string; openings: number; refused: number }>;
}

const summaryDays = 14;

/** The two daily charts: which count each shows, in which tone, under which texts. */
const eventCharts = [
  { field: 'openings', tone: 'primary', title: 'overview.openings', summary: 'overview.openingsSummary' },
  { field: 'refused', tone: 'danger', title: 'overview.refusals', summary: 'overview.refusalsSummary' },
] as const satisfies ReadonlyArray<{
  field: keyof EventSummary['days'][number];
  tone: BarTone;
  title: MessageKey;
  summary: CountKey;
}>;

/** "mån 23 nov" for a local date "2026-11-23". */
function formatDay(language: Language, day: string): string {
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** Openings and refused attempts per local day, counted by the server (GET /event-log/summary). */
function EventCharts() {
  const translator = useTranslator();
  const { t, language } = translator;
  const summary = useResource<EventSummary>(`/event-log/summary?days=${summaryDays}`);
  if (summary.isLoading && !summary.data) return <LoadingState />;
  if (summary.error) return <ErrorState error={summary.error} onRetry={summary.reload} />;
  const days = summary.data!.days;
  return (
    <>
      {eventCharts.map(({ field, tone, title, summary: summaryKey }) => {
        const bars: Bar[] = days.map((day) => ({
          label: formatDay(language, day.day),
          value: day[field],
          tone,
        }));
        const total = days.reduce((sum, day) => sum + day[field], 0);
        return (
          <section key={field} className="card">
            <BarChart
              title={t(title)}
              summary={sayCount(translator, summaryKey, total, { days: summaryDays })}
              bars={bars}
              categoryHeader={t('overview.eventsDay')}
            />
          </section>
        );
      })}
    </>
  );
}

export function OverviewPage() {
  const { t } = useTranslator();
  const session = useSession();
  return (
    <Page title={t('overview.title')} intro={t('overview.intro')}>
      <div className="chart-grid">
        {session.can('lock_device') && session.can('door') && <FleetCharts />}
        {session.can('digital_key') && <KeyChart />}
        {session.can('device_event') && <EventCharts />}
      </div>
    </Page>
  );
}
