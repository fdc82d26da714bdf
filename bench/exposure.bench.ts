// `npm run bench -- exposure`: block-list exposure in a Stockholm-like district over a simulated
// week (packages/simulation, docs/simulation.md). Keys and phones are lost at random during the
// first two days and blocked by the work lead 15–60 minutes later; for every block and every lock
// the blocked key's ticket lets it open, the time until that lock has learned the block (through
// tickets and signed lists carried lock → key → lock), capped at the key's ticket expiry. Peer:
// the bound the protocol guarantees (ticket validity), and the exposure the same pairs would have
// with no block list at all (until the blocked ticket expires). Ends with one JSON line.
//
// `--samples=FILE` also writes every pair's exposure (hours) for scripts/generate-exposure-chart.ts
// (one line; `npx prettier --write FILE` before committing it).
import { writeFileSync } from 'node:fs';
import {
  createInProcessDistrictIssuer,
  defaultTicketValiditySeconds,
  DistrictSimulation,
  ExposureMeter,
  generateDistrict,
  percentile,
  SimulationClock,
  stockholmDistrictParameters,
} from '@portvakt/simulation';
import type { DistrictParameters } from '@portvakt/simulation';

// Scaled to run in a few minutes on 2 cores (every opening is real ECDSA: about six signatures
// made or checked between key, lock and issuer): ≈ 2,600 locks, ≈ 380 staff, 1,500 customers.
const parameters: DistrictParameters = {
  ...stockholmDistrictParameters,
  customers: 1500,
  homeCareTeamsPerArea: 2,
  nightTeams: 3,
  alarmTeams: 3,
  staffPerAlarmTeam: 15,
};
const seed = 2026;
/** Monday 2 March 2026 00:00 UTC: a fixed instant, so the run never depends on today's date. */
const start = Date.UTC(2026, 2, 2) / 1000;
const hour = 3600;
const week = 7 * 24 * hour;
const validity = defaultTicketValiditySeconds;
// Losses end early enough that every lost key's ticket (issued before the loss) expires within
// the week, so no pair is cut off by the end of the run.
const losses = { count: 32, from: 6 * hour, until: week - validity - hour };

const samplesPath = process.argv.find((arg) => arg.startsWith('--samples='))?.slice('--samples='.length);
const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const district = generateDistrict(seed, parameters);
const clock = new SimulationClock(start);
const issuer = await createInProcessDistrictIssuer({
  municipality: district.municipality,
  world: clock,
  ticketValiditySeconds: validity,
});
const simulation = await DistrictSimulation.create({ district, issuer, clock, seed, losses });
console.log(
  `district: ${district.locks.length} locks, ${district.staff.length} staff in ${district.teams.length} teams, ` +
    `${district.customers.length} customers, ${district.properties.length} properties (${fmt((performance.now() - wallStart) / 1000)} s to enrol)`,
);

const meter = new ExposureMeter();
const counts = { openings: 0, refused: 0, visits: 0, alarms: 0, blocks: 0, learned: 0 };
const refusals = new Map<string, number>();
const holderOf = new Map<string, 'key' | 'phone'>();
simulation.subscribe((event) => {
  meter.observe(event);
  if (event.type === 'opening') {
    counts.openings++;
    if (!event.isOpen) {
      counts.refused++;
      refusals.set(event.reason!, (refusals.get(event.reason!) ?? 0) + 1);
    }
  } else if (event.type === 'visit') counts.visits++;
  else if (event.type === 'alarm-raised') counts.alarms++;
  else if (event.type === 'block-list-learned') counts.learned++;
  else if (event.type === 'key-blocked') {
    counts.blocks++;
    holderOf.set(event.keyId, event.holder);
  }
});

for (let at = start + 6 * hour; at <= start + week; at += 6 * hour) {
  await simulation.runUntil(at);
  const day = Math.floor((at - start) / (24 * hour)) + 1;
  console.error(
    `[exposure] day ${day} ${String(((at - start) / hour) % 24).padStart(2, '0')}:00  ` +
      `${counts.openings} openings, ${counts.blocks} blocks, ${fmt((performance.now() - wallStart) / 1000, 0)} s`,
  );
}
const summary = meter.finish(clock.now());
const wallSeconds = (performance.now() - wallStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

// Peer in the same run: the same pairs with no block list at all (exposed until the ticket expires).
const unspread = meter.samples.map((s) => s.untilExpirySeconds / hour).sort((a, b) => a - b);
const byHolder = { key: [] as number[], phone: [] as number[] };
for (const sample of meter.samples) byHolder[holderOf.get(sample.keyId)!].push(sample.seconds / hour);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const boundHours = validity / hour;

console.log(
  `simulated week: ${counts.openings} openings (${counts.refused} refused), ${counts.visits} visits, ${counts.alarms} alarms, ` +
    `${counts.learned} block-list lessons at locks`,
);
console.log(
  `refusals: ${[...refusals]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ')}`,
);
console.log(`run: ${fmt(wallSeconds, 0)} s wall, ${fmt(cpuSeconds, 0)} s CPU`);
console.log(
  `blocks: ${summary.blocks} (${byHolder.key.length} key–lock pairs, ${byHolder.phone.length} phone–lock pairs); ` +
    `learned before expiry ${fmt(summary.learnedShare * 100)} %`,
);
for (const [label, values] of [
  ['all pairs', sorted(meter.samples.map((s) => s.seconds / hour))],
  ['hardware keys', sorted(byHolder.key)],
  ['phones', sorted(byHolder.phone)],
  ['while still activated', sorted(meter.samples.map((s) => s.activeSeconds / hour))],
  ['no block list (peer)', unspread],
] as const)
  console.log(
    `  ${label.padEnd(22)} p50 ${fmt(percentile(values, 50)).padStart(6)} h   p95 ${fmt(percentile(values, 95)).padStart(6)} h   max ${fmt(values[values.length - 1] ?? 0).padStart(6)} h`,
  );
console.log('ratios:');
console.log(
  `  p95 vs bound (ticket validity ${boundHours} h)   ${(summary.p95Hours / boundHours).toFixed(2)}x`,
);
console.log(`  max vs bound                          ${(summary.maxHours / boundHours).toFixed(2)}x`);
console.log(
  `  p50 vs no block list (peer)           ${(summary.p50Hours / percentile(unspread, 50)).toFixed(2)}x`,
);
if (samplesPath)
  writeFileSync(
    samplesPath,
    `${JSON.stringify({
      bench: 'exposure',
      seed,
      start: new Date(start * 1000).toISOString(),
      bound_hours: boundHours,
      locks: district.locks.length,
      staff: district.staff.length,
      hours: {
        key: sorted(byHolder.key).map((h) => Number(h.toFixed(2))),
        phone: sorted(byHolder.phone).map((h) => Number(h.toFixed(2))),
      },
    })}\n`,
  );
console.log(
  JSON.stringify({
    bench: 'exposure',
    blocks: summary.blocks,
    locks_relevant: summary.locksRelevant,
    p50_hours: Number(summary.p50Hours.toFixed(2)),
    p95_hours: Number(summary.p95Hours.toFixed(2)),
    max_hours: Number(summary.maxHours.toFixed(2)),
    bound_hours: boundHours,
    p95_ratio_vs_bound: Number((summary.p95Hours / boundHours).toFixed(3)),
    learned_share: Number(summary.learnedShare.toFixed(3)),
    p95_while_activated_hours: Number(summary.activeP95Hours.toFixed(2)),
    censored: summary.censored,
    locks: district.locks.length,
    staff: district.staff.length,
  }),
);
if (summary.maxHours > boundHours || summary.censored > 0) {
  console.error('exposure above the ticket-expiry bound, or pairs cut off by the end of the run');
  process.exitCode = 1;
}
