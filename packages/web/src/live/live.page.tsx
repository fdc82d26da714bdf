// "Idag live" (docs/live.md): the server's clock and the connection at the top, counters, today's
// feed of door events as they happen, a schematic of the district's properties drawn from their
// coordinates (SVG, no map tiles, no outside requests) whose markers flash on an opening or a
// refusal, and per lock the block-list version it has against the one in force.
import type { LiveDistrict, LiveLock, LiveProperty } from '@portvakt/contract';
import { countBlockListLag, isBehindBlockList } from '@portvakt/core';
import { useEffect, useState } from 'react';
import { ShowAllButton } from '../components';
import { describeDoor, describeResult, describeStaff, eventRowId, openAttemptKind } from '../events';
import { ApiRequestError } from '../shared/api-client';
import { useTranslator, type Translator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { EmptyState, ErrorState, LoadingState } from '../shared/states';
import { useLiveDistrict } from './use-live-district';

// Core's rule, as the block list page counts (docs/live.md): an older version lags, a lock that
// never reported one is counted apart.
const isLagging = (lock: LiveLock, current: number) => isBehindBlockList(lock.blockListVersion, current);

/** The block list a lock holds, "har version 4 (aktuell 5)", or that it has reported none yet. */
const sayBlockListVersion = (t: Translator['t'], lock: LiveLock, current: number) =>
  lock.blockListVersion === null
    ? t('live.notReported')
    : t('live.versionOf', { version: lock.blockListVersion, current });

export function LivePage() {
  const { t } = useTranslator();
  const live = useLiveDistrict();
  const district = live.district;
  return (
    <Page title={t('live.title')} intro={t('live.intro')}>
      {live.error instanceof ApiRequestError ? (
        <ErrorState error={live.error} />
      ) : !district ? (
        <LoadingState />
      ) : (
        <LiveContent district={district} connection={live.connection} flashes={live.flashes} />
      )}
    </Page>
  );
}

function LiveContent({
  district,
  connection,
  flashes,
}: {
  district: LiveDistrict;
  connection: string;
  flashes: Record<string, { result: number; at: number }>;
}) {
  const { t, formatDateTime, formatNumber } = useTranslator();
  const locks = district.properties.flatMap((property) => property.locks);
  const openings = locks.reduce((sum, lock) => sum + lock.openingsToday, 0);
  const refusals = locks.reduce((sum, lock) => sum + lock.refusalsToday, 0);
  const { behind: lagging, notReported } = countBlockListLag(
    locks.map((lock) => lock.blockListVersion),
    district.blockListVersion,
  );
  return (
    <>
      <div className="live-top">
        <p className="live-clock" data-live="clock">
          {t('live.clock')}: <strong data-clock={district.clock}>{formatDateTime(district.clock)}</strong>
        </p>
        <p className={`live-connection live-${connection}`} data-live="connection" role="status">
          <span className="live-dot" aria-hidden="true" />
          {t(`live.${connection}` as 'live.connected')}
        </p>
        <p data-live="block-list">{t('live.blockList', { version: district.blockListVersion })}</p>
      </div>
      <dl className="live-counters">
        <div data-counter="openings">
          <dt>{t('live.openings')}</dt>
          <dd>{formatNumber(openings)}</dd>
        </div>
        <div data-counter="refusals" className={refusals > 0 ? 'live-refused' : ''}>
          <dt>{t('live.refusals')}</dt>
          <dd>{formatNumber(refusals)}</dd>
        </div>
        <div data-counter="lagging" className={lagging > 0 ? 'live-lagging' : ''}>
          <dt>{t('live.lagging')}</dt>
          <dd>{formatNumber(lagging)}</dd>
        </div>
        <div data-counter="not-reported">
          <dt>{t('live.notReportedCount')}</dt>
          <dd>{formatNumber(notReported)}</dd>
        </div>
      </dl>
      <div className="live-grid">
        <Section title={t('live.feedTitle')} section="live-feed">
          <Feed district={district} />
        </Section>
        <Section title={t('live.mapTitle')} intro={t('live.mapIntro')} section="live-map">
          <DistrictMap district={district} flashes={flashes} />
        </Section>
      </div>
      <Section title={t('live.locksTitle')} section="live-locks">
        <LockTable district={district} />
      </Section>
    </>
  );
}

function Feed({ district }: { district: LiveDistrict }) {
  const { t, label, formatDateTime } = useTranslator();
  const doors = district.events.filter((row) => row.kind === openAttemptKind);
  if (doors.length === 0) return <EmptyState>{t('live.feedEmpty')}</EmptyState>;
  return (
    <ol className="live-feed" aria-live="polite">
      {doors.map((row) => {
        const isRefused = row.result !== 0;
        return (
          <li
            key={eventRowId(row)}
            data-event={eventRowId(row)}
            data-result={isRefused ? 'refused' : 'opened'}
            className={isRefused ? 'live-event live-event-refused' : 'live-event'}
          >
            <time dateTime={row.occurredAt}>{formatDateTime(row.occurredAt).split(' ').at(-1)}</time>
            <span className={`tag ${isRefused ? 'tag-blocked' : 'tag-active'}`}>
              {describeResult(t, row)}
            </span>
            <span className="live-door">{describeDoor(t, label, row) || t('common.none')}</span>
            <span className="live-who">{describeStaff(t, row) || t('live.someone')}</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Properties placed by their coordinates in a fixed box (equirectangular, longitude scaled by the
 * latitude), centred; a district smaller than about 200 m is drawn at that size, not blown up.
 */
function placeProperties(properties: LiveProperty[], width: number, height: number) {
  const placed = properties.filter((p) => p.latitude !== null && p.longitude !== null);
  const positions = new Map<string, { x: number; y: number }>();
  const unplaced = properties.filter((p) => p.latitude === null || p.longitude === null);
  const mapHeight = unplaced.length > 0 ? height - 50 : height;
  if (placed.length > 0) {
    const lats = placed.map((p) => p.latitude!);
    const lons = placed.map((p) => p.longitude!);
    const [minLat, maxLat, minLon, maxLon] = [
      Math.min(...lats),
      Math.max(...lats),
      Math.min(...lons),
      Math.max(...lons),
    ];
    const midLat = (minLat + maxLat) / 2;
    const midLon = (minLon + maxLon) / 2;
    const scaleLon = Math.cos(midLat * (Math.PI / 180));
    const minimumSpan = 0.002;
    const spanX = Math.max((maxLon - minLon) * scaleLon, minimumSpan);
    const spanY = Math.max(maxLat - minLat, minimumSpan);
    const scale = Math.min((width - 120) / spanX, (mapHeight - 60) / spanY);
    for (const p of placed)
      positions.set(p.id, {
        x: width / 2 + (p.longitude! - midLon) * scaleLon * scale,
        y: mapHeight / 2 + (midLat - p.latitude!) * scale,
      });
  }
  // Properties without coordinates stand in a row along the bottom.
  unplaced.forEach((p, index) =>
    positions.set(p.id, { x: 30 + ((index + 0.5) * (width - 120)) / unplaced.length, y: height - 18 }),
  );
  return { positions, hasUnplaced: unplaced.length > 0 };
}

const maxNamedProperties = 12;

function DistrictMap({
  district,
  flashes,
}: {
  district: LiveDistrict;
  flashes: Record<string, { result: number; at: number }>;
}) {
  const { t } = useTranslator();
  const [selected, setSelected] = useState<string | undefined>();
  const [, setTick] = useState(0);
  // Re-render after a flash so it fades (the flash lasts a few seconds).
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const width = 560;
  const height = 360;
  const { positions, hasUnplaced } = placeProperties(district.properties, width, height);
  const chosen = district.properties.find((p) => p.id === selected);
  // Names fit beside a few markers; in a larger district only the chosen property and the ones
  // flashing are named, so the labels do not cover each other.
  const isNamingAll = district.properties.length <= maxNamedProperties;
  return (
    <div className="live-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('live.mapLabel')}>
        <rect x="0" y="0" width={width} height={height} className="live-map-ground" />
        {hasUnplaced && (
          <text x="20" y={height - 34} className="live-map-note">
            {t('live.noCoordinates')}
          </text>
        )}
        {district.properties.map((property) => {
          const at = positions.get(property.id)!;
          const flash = flashes[property.id];
          const isFlashing = flash !== undefined && Date.now() - flash.at < 4000;
          const hasLagging = property.locks.some((lock) => isLagging(lock, district.blockListVersion));
          const state = isFlashing ? (flash.result === 0 ? 'opened' : 'refused') : 'quiet';
          return (
            <g
              key={property.id}
              data-property={property.id}
              data-state={state}
              data-lagging={hasLagging ? 'true' : 'false'}
              className={`live-marker live-marker-${state}`}
              tabIndex={0}
              role="button"
              aria-label={`${property.designation}, ${property.streetAddress}`}
              onMouseEnter={() => setSelected(property.id)}
              onFocus={() => setSelected(property.id)}
              onClick={() => setSelected(property.id)}
            >
              {hasLagging && <circle cx={at.x} cy={at.y} r="15" className="live-marker-lag" />}
              <circle cx={at.x} cy={at.y} r="9" className="live-marker-dot" />
              {(isNamingAll || isFlashing || property.id === selected) && (
                <text x={at.x + 13} y={at.y + 4} className="live-marker-label">
                  {property.designation}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div className="live-map-detail" data-live="property-detail">
        {chosen ? (
          <>
            <strong>{chosen.designation}</strong> · {chosen.streetAddress}
            <ul>
              {chosen.locks.map((lock) => (
                <li key={lock.lockDeviceId}>
                  <LockSummary lock={lock} current={district.blockListVersion} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <span className="muted">{t('live.pickProperty')}</span>
        )}
      </div>
    </div>
  );
}

function LockSummary({ lock, current }: { lock: LiveLock; current: number }) {
  const { t, label } = useTranslator();
  return (
    <>
      {lock.doorLabel} ({label('doorKind', lock.doorKind)}) · {sayBlockListVersion(t, lock, current)}
      {isLagging(lock, current) && <span className="tag tag-blocked">{t('live.behind')}</span>}
    </>
  );
}

/** How many locks the table shows before "show all": a municipality has hundreds. */
const shownLocks = 20;

/** Locks that lag on the block list first, then the most recently heard from. */
function orderLocks(district: LiveDistrict) {
  const rows = district.properties.flatMap((property) => property.locks.map((lock) => ({ property, lock })));
  const rank = ({ lock }: (typeof rows)[number]) => (isLagging(lock, district.blockListVersion) ? 0 : 1);
  return rows.sort(
    (a, b) => rank(a) - rank(b) || (b.lock.lastHeardAt ?? '').localeCompare(a.lock.lastHeardAt ?? ''),
  );
}

function LockTable({ district }: { district: LiveDistrict }) {
  const { t, label, formatDateTime } = useTranslator();
  const [isShowingAll, setIsShowingAll] = useState(false);
  const ordered = orderLocks(district);
  if (ordered.length === 0) return <EmptyState>{t('live.locksEmpty')}</EmptyState>;
  const rows = isShowingAll ? ordered : ordered.slice(0, shownLocks);
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('live.locksTitle')}>
        <table className="data-table live-lock-table">
          <caption className="visually-hidden">{t('live.locksTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('live.col.door')}</th>
              <th scope="col">{t('live.col.property')}</th>
              <th scope="col">{t('live.col.version')}</th>
              <th scope="col">{t('live.col.lastHeard')}</th>
              <th scope="col">{t('live.col.battery')}</th>
              <th scope="col">{t('live.col.today')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ property, lock }) => {
              const lags = isLagging(lock, district.blockListVersion);
              return (
                <tr
                  key={lock.lockDeviceId}
                  data-lock={lock.lockDeviceId}
                  data-lagging={lags ? 'true' : 'false'}
                  className={lags ? 'live-row-lagging' : ''}
                >
                  <td>
                    {lock.doorLabel} <span className="muted">({label('doorKind', lock.doorKind)})</span>
                    {lock.lockSerial && <span className="muted"> · {lock.lockSerial}</span>}
                  </td>
                  <td>{property.designation}</td>
                  <td data-cell="version">
                    {sayBlockListVersion(t, lock, district.blockListVersion)}{' '}
                    {lags && <span className="tag tag-blocked">{t('live.behind')}</span>}
                  </td>
                  <td>{formatDateTime(lock.lastHeardAt)}</td>
                  <td>{lock.battery === null ? t('common.none') : `${lock.battery} %`}</td>
                  <td data-cell="today">
                    {lock.openingsToday} / {lock.refusalsToday}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ordered.length > shownLocks && (
        <ShowAllButton
          isShowingAll={isShowingAll}
          count={ordered.length}
          onToggle={() => setIsShowingAll((value) => !value)}
        />
      )}
    </>
  );
}
