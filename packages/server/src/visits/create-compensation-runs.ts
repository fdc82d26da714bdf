import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Static } from 'typebox';
import type { CreateCompensationRunsBody } from '@portvakt/contract';
import {
  attributeGrantedTime,
  computeCompensation,
  createSwedishHolidayCalendar,
  createZoneClock,
  defaultBandRates,
  judgeRatesForDays,
  localMonthRange,
  readHolidayOptions,
  readVisitSettings,
  type BandRate,
} from '@portvakt/core';
import {
  findMunicipality,
  insertCompensationRun,
  listProviderIds,
  readCompensationVisits,
  readGrantedTimeClaims,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { refuseRates } from '../platform/municipality-settings';
import { findHeldBackVisits, readExceptionQueue } from './visit-exception-queue';

const runConcurrency = 4;

/**
 * The monthly compensation run (R5.2) for every provider, or one: each becomes the provider's
 * next version for the month, immutable and hashed. Only a month that has ended can be run.
 */
export async function createCompensationRuns(
  options: WriteOptions<Static<typeof CreateCompensationRunsBody>>,
): Promise<{ id: string; providerId: string; version: number; hash: string; totalAmountOre: number }[]> {
  const { actor, input, now } = options;
  authorise(actor, 'compensation_run', 'create');
  const municipality = await findMunicipality(options.db, actor.municipalityId);
  const settings = municipality?.settings ?? {};
  const clock = createZoneClock(readVisitSettings(settings).timeZone);
  const { from, to } = localMonthRange(input.month, clock);
  if (to > now.getTime())
    throw new ApiError(
      422,
      'run_in_future',
      `${input.month} has not ended yet; a month is run after its last day.`,
    );
  const providers = await listProviderIds(options.db, actor.municipalityId);
  if (input.providerId && !providers.includes(input.providerId))
    throw new ApiError(422, 'unknown_reference', 'No such provider.');
  const rates = readBandRates(settings);
  const calendar = { clock, holidays: createSwedishHolidayCalendar(readHolidayOptions(settings)) };
  const lastDay = new Date(clock.toLocal(Math.floor((to - 1) / 60_000)) * 60_000).toISOString().slice(0, 10);
  // Stored rates may predate their check when set: a month they cannot price is refused whole,
  // before any provider's run, rather than failing at the first visit on such a day.
  const rateProblem = judgeRatesForDays(rates, `${input.month}-01`, lastDay);
  if (rateProblem) throw refuseRates(rateProblem);
  const period = { from: new Date(from), to: new Date(to) };
  // Granted time names no provider: each decision goes to the run of the provider that delivers
  // it, decided over every provider at once so that two providers never both count it.
  const grantedByProvider = attributeGrantedTime(
    await readGrantedTimeClaims(options.db, actor.municipalityId, {
      firstDay: `${input.month}-01`,
      lastDay,
      ...period,
    }),
  );
  // Providers are independent: a few at a time, so PostgreSQL reads one provider's month while
  // Node computes another's (npm run bench -- visits). Few enough to leave connections to users.
  const limit = pLimit(runConcurrency);
  const runProvider = async (providerId: string) => {
    const visits = await readCompensationVisits(
      options.db,
      actor.municipalityId,
      providerId,
      period.from,
      period.to,
    );
    const granted = grantedByProvider.get(providerId) ?? new Map<string, number>();
    const queue = await readExceptionQueue(options, providerId, period, settings);
    const result = computeCompensation(visits, granted, rates, calendar, findHeldBackVisits(queue));
    const hash = hashRun(providerId, input.month, result);
    const created = await withAuditedTransaction(options, async (client, audit) => {
      const run = await insertCompensationRun(client, {
        municipalityId: actor.municipalityId,
        providerId,
        month: input.month,
        hash,
        result,
        createdBy: actor.label,
      });
      await audit({
        action: 'create',
        entity: 'compensation_run',
        entityId: run.id,
        after: {
          providerId,
          month: input.month,
          version: run.version,
          hash,
          totalAmountOre: result.totalAmountOre,
        },
      });
      return run;
    });
    return { ...created, providerId, hash, totalAmountOre: result.totalAmountOre };
  };
  return Promise.all(
    (input.providerId ? [input.providerId] : providers).map((providerId) =>
      limit(() => runProvider(providerId)),
    ),
  );
}

/** The canonical form an auditor hashes again from the stored run (docs/visits.md). */
export function hashRun(
  providerId: string,
  month: string,
  result: Pick<
    ReturnType<typeof computeCompensation>,
    'lines' | 'givenVersusGranted' | 'heldBackVisitIds' | 'lateVisitIds' | 'totalAmountOre'
  >,
): string {
  const canonical = JSON.stringify({
    providerId,
    month,
    lines: result.lines.map((l) => [
      l.customerId,
      l.service,
      l.band,
      l.customerMinutes,
      l.staffMinutes,
      l.perHour,
      l.amountOre,
      l.visitIds,
    ]),
    givenVersusGranted: result.givenVersusGranted.map((g) => [
      g.customerId,
      g.service,
      g.givenMinutes,
      g.grantedMinutes,
    ]),
    heldBack: result.heldBackVisitIds,
    late: result.lateVisitIds,
    total: result.totalAmountOre,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

function readBandRates(settings: Record<string, unknown>): BandRate[] {
  return Array.isArray(settings.compensationRates)
    ? (settings.compensationRates as BandRate[])
    : defaultBandRates;
}
