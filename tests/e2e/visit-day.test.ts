// Issue #11, "Must show": a day of shifts from the doors to the month's invoice, end to end. The
// real server over real HTTP at one fixed instant (the server's clock is the simulated world's,
// which the device gateway reads too), simulated devices speaking the open protocol: two staff
// activate hardware keys at an activation box with their PINs, open locks at customers' apartment
// doors and at their building's entrance, a sync station uploads the records the keys carried
// (visits are derived at ingest), and a customer without a lock gets visits by phone check-in
// and check-out. The work lead corrects one visit, declines one, confirms a too-long one and
// approves both days; after the month has ended the municipality runs it, and the run's CSV lines
// are compared with minutes and amounts this file computes from the times it used itself. Every
// invoice line is traced back to records the locks signed, or requests the phone signed.
import { createHash } from 'node:crypto';
import { ManualWorldClock, type Lock } from '@portvakt/devices';
import {
  bytesToUuid,
  decodeEventRecord,
  importPublicJwk,
  uuidToBytes,
  verifyVisitCheck,
  type PublicJwk,
} from '@portvakt/protocol';
import { verifyEventLog } from '@portvakt/storage';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword, type ApiClient } from '@portvakt/server/testing';
import { createVisitDayWorld, type DayStaff, type VisitDayWorld } from './visit-day.world';

// ---- the clock ---------------------------------------------------------------------------------
// Tuesday 3 March 2026, a working day and no public holiday; Stockholm is on CET (UTC+1) until
// the 29th. Every time below is a wall-clock time there.
const theDay = '2026-03-03';
const timeZone = 'Europe/Stockholm';
const at = (hhmm: string, date = theDay) => Date.parse(`${date}T${hhmm}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('06:30'));
/** Moves the world (devices and server alike) forward to `time`. */
const moveTo = (time: number) => {
  if (time < world.now()) throw new Error('the world only moves forward');
  world.advance(time - world.now());
};
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

// Explicit hourly rates (SEK), so every amount is computable here. The earlier rates end the day
// before the month starts and must not be used.
const rates = { day: 480, evening: 560, night: 640, weekend: 600 } as const;
type Band = keyof typeof rates;
const compensationRates = [
  ...Object.entries({ day: 455, evening: 525, night: 610, weekend: 575 }).map(([band, perHour]) => ({
    band,
    perHour,
    validFrom: '2025-01-01',
    validTo: '2026-02-28',
  })),
  ...Object.entries(rates).map(([band, perHour]) => ({
    band,
    perHour,
    validFrom: '2026-03-01',
    validTo: null,
  })),
];

// ---- the world (tests/e2e/visit-day.world.ts) ------------------------------------------------
let w: VisitDayWorld;
let admin: ApiClient;
let auditor: ApiClient;
let workLead: ApiClient;
let anna: DayStaff;
let bo: DayStaff;

/** What the day registered, as this file saw it happen: the source of every expected figure. */
interface Happened {
  label: string;
  customerId: string;
  staffId: string;
  arrival: number;
  departure: number;
  /** Set once the test has found the visit the server made of it. */
  visitId?: string;
}
const happened: Record<string, Happened> = {};

beforeAll(async () => {
  w = await createVisitDayWorld(world, { compensationRates });
  ({ admin, auditor, workLead, anna, bo } = w);
}, 120_000);
afterAll(async () => w?.server.close());

// ---- what the people and devices do ------------------------------------------------------------
const dayRange = () => ({ from: iso(at('00:00')), to: iso(at('00:00', '2026-03-04')) });
const visitsOfTheDay = async (client: ApiClient) => {
  const response = await client.get(`/api/v1/visits?${new URLSearchParams(dayRange()).toString()}`);
  expect(response.status).toBe(200);
  return response.body.items as Array<Record<string, any>>;
};

/** `who` turns the key in the lock at `time`, which must open. */
async function open(who: DayStaff, lock: Lock, time: number): Promise<void> {
  moveTo(time);
  expect(await who.key.openLock(lock)).toEqual({ isOpen: true });
}

/** A visit at a lock: arrival and departure are two key turns at the customer's door. */
async function lockVisit(
  label: string,
  who: DayStaff,
  customer: 'karl' | 'greta',
  from: string,
  until: string,
) {
  await open(who, w.locks[customer].lock, at(from));
  await open(who, w.locks[customer].lock, at(until));
  happened[label] = {
    label,
    customerId: w.customers[customer],
    staffId: who.id,
    arrival: at(from),
    departure: at(until),
  };
}

/** Bo checks in at Nils's (no lock) with his phone, and out again. */
async function phoneVisit(label: string, from: string, until: string): Promise<void> {
  moveTo(at(from));
  const checkIn = await w.boPhone.phone.checkIn(w.customers.nils);
  expect(checkIn).toMatchObject({
    isRegistered: true,
    state: 'incomplete',
    arrival: new Date(at(from) * 1000),
  });
  moveTo(at(until));
  const checkOut = await w.boPhone.phone.checkOut(w.customers.nils);
  expect(checkOut).toMatchObject({
    isRegistered: true,
    state: 'registered',
    departure: new Date(at(until) * 1000),
  });
  happened[label] = {
    label,
    customerId: w.customers.nils,
    staffId: bo.id,
    arrival: at(from),
    departure: at(until),
    visitId: (checkIn as { visitId: string }).visitId,
  };
}

/** The key docks at the sync station: its carried lock records go to the server over HTTP. */
async function sync(who: DayStaff, time: number): Promise<void> {
  moveTo(time);
  const outcome = await w.station.sync(who.key);
  expect(outcome).toMatchObject({ isSynced: true, receipt: { findings: [] } });
}

/** Finds the visit the server made of what happened, by customer, staff and times. */
function identify(visits: Array<Record<string, any>>, label: string): Record<string, any> {
  const h = happened[label]!;
  const found = visits.filter(
    (v) =>
      v.customerId === h.customerId && v.staffMemberIds.includes(h.staffId) && v.arrival === iso(h.arrival),
  );
  expect(found, label).toHaveLength(1);
  h.visitId = found[0]!.id as string;
  return found[0]!;
}

const shiftsOf = async (staffId: string) =>
  (
    await w.server.db.pool.query<{ source: string; starts_at: Date; approved_at: Date | null }>(
      'SELECT source, starts_at, approved_at FROM work_shift WHERE staff_member_id = $1 ORDER BY source',
      [staffId],
    )
  ).rows;

// ---- the expected run, computed here -----------------------------------------------------------
const bandNames: Record<Band, string> = { day: 'dag', evening: 'kväll', night: 'natt', weekend: 'helg' };
/** The services this day records, as the CSV file words them. */
const serviceNames: Record<string, string> = {
  personal_care: 'personlig omvårdnad',
  meals: 'måltider',
  unspecified: 'ej angiven',
};
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  weekday: 'short',
  hour: 'numeric',
  hourCycle: 'h23',
});

/**
 * The band of the minute starting at `seconds`, read off Stockholm's wall clock: night 22–07,
 * weekend days 07–22, weekdays 07–18 day and 18–22 evening (3 March is no public holiday).
 */
function bandOf(seconds: number): Band {
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour);
  if (hour < 7 || hour >= 22) return 'night';
  if (parts.weekday === 'Sat' || parts.weekday === 'Sun') return 'weekend';
  return hour < 18 ? 'day' : 'evening';
}

interface ExpectedLine {
  customerId: string;
  service: string;
  band: Band;
  customerMinutes: number;
  staffMinutes: number;
  perHour: number;
  amountOre: number;
  visitIds: string[];
}

/**
 * Per customer, service and band: each paid visit's minutes walked one by one on the wall clock,
 * shared evenly among its services (none recorded: "unspecified"); one staff member each; the
 * amount is staff minutes × the band's hourly rate, rounded to öre once per line.
 */
function expectedLines(paid: Array<{ h: Happened; services: string[] }>): ExpectedLine[] {
  const lines = new Map<string, ExpectedLine>();
  for (const { h, services } of paid) {
    const shares = services.length > 0 ? services : ['unspecified'];
    const minutesByBand = new Map<Band, number>();
    for (let minute = h.arrival; minute < h.departure; minute += 60)
      minutesByBand.set(bandOf(minute), (minutesByBand.get(bandOf(minute)) ?? 0) + 1);
    // Each band's whole minutes shared among the services, the first recorded taking what is over.
    for (const [band, minutes] of minutesByBand)
      shares.forEach((service, index) => {
        const share = Math.floor(minutes / shares.length) + (index < minutes % shares.length ? 1 : 0);
        const key = `${h.customerId} ${service} ${band}`;
        const line = lines.get(key) ?? {
          customerId: h.customerId,
          service,
          band,
          customerMinutes: 0,
          staffMinutes: 0,
          perHour: rates[band],
          amountOre: 0,
          visitIds: [],
        };
        line.customerMinutes += share;
        line.staffMinutes += share;
        if (!line.visitIds.includes(h.visitId!)) line.visitIds.push(h.visitId!);
        lines.set(key, line);
      });
  }
  return [...lines.values()].map((line) => ({
    ...line,
    amountOre: Math.round((line.staffMinutes * line.perHour * 100) / 60),
    visitIds: line.visitIds.sort(),
  }));
}

const kronor = (ore: number) => (ore / 100).toFixed(2).replace('.', ',');

// ---- the day -----------------------------------------------------------------------------------
describe('a day of shifts, from the doors to the month’s invoice', () => {
  it('activates both keys at the box with their PINs and logs the phone in, on the server’s clock', async () => {
    expect(await w.box.activate(anna.key, anna.pin)).toMatchObject({ isActivated: true, mode: 'online' });
    expect(await w.box.activate(bo.key, bo.pin)).toMatchObject({ isActivated: true, mode: 'online' });
    const activation = await workLead.get(`/api/v1/keys/${anna.keyId}/activation`);
    expect(activation.body).toMatchObject({ isActivatedNow: true, lastActivationAt: iso(at('06:30')) });
    moveTo(at('06:40'));
    expect(await w.boPhone.phone.login(w.boPhone.username, testPassword)).toEqual({ isLoggedIn: true });
    // The shifts start when the devices met the gateway, by the clock the whole day runs on.
    expect(await shiftsOf(anna.id)).toEqual([
      { source: 'activation', starts_at: new Date(at('06:30') * 1000), approved_at: null },
    ]);
    expect(await shiftsOf(bo.id)).toEqual([
      { source: 'activation', starts_at: new Date(at('06:30') * 1000), approved_at: null },
      { source: 'phone', starts_at: new Date(at('06:40') * 1000), approved_at: null },
    ]);
  });

  it('the morning: lock visits derived when the station uploads, phone visits at Nils’s, none from the entrance', async () => {
    await open(anna, w.locks.entrance.lock, at('06:50'));
    await lockVisit('anna-karl-morning', anna, 'karl', '06:52', '07:22');
    // Bo's first visit at Nils's starts while Anna is on her way to Greta.
    moveTo(at('07:30'));
    expect(await w.boPhone.phone.checkIn(w.customers.nils)).toMatchObject({ isRegistered: true });
    await open(anna, w.locks.entrance.lock, at('07:40'));
    await open(anna, w.locks.greta.lock, at('07:41'));
    moveTo(at('08:10'));
    const checkOut = await w.boPhone.phone.checkOut(w.customers.nils);
    expect(checkOut).toMatchObject({ isRegistered: true, state: 'registered' });
    happened['bo-nils-morning'] = {
      label: 'bo-nils-morning',
      customerId: w.customers.nils,
      staffId: bo.id,
      arrival: at('07:30'),
      departure: at('08:10'),
      visitId: (checkOut as { visitId: string }).visitId,
    };
    await open(anna, w.locks.greta.lock, at('08:26'));
    happened['anna-greta-morning'] = {
      label: 'anna-greta-morning',
      customerId: w.customers.greta,
      staffId: anna.id,
      arrival: at('07:41'),
      departure: at('08:26'),
    };
    // Karl will decline his shower: Bo leaves after five minutes.
    await open(bo, w.locks.entrance.lock, at('09:00'));
    await lockVisit('bo-karl-declined', bo, 'karl', '09:01', '09:06');
    // Nils had fallen: Bo stays until the ambulance has come (a visit longer than two hours).
    await phoneVisit('bo-nils-long', '10:00', '12:30');

    // Nothing from the locks is known before a key reaches a station.
    expect((await visitsOfTheDay(workLead)).every((v) => v.source === 'phone')).toBe(true);
    await sync(anna, at('12:40'));
    await sync(bo, at('12:45'));

    const visits = await visitsOfTheDay(workLead);
    expect(visits).toHaveLength(5);
    for (const label of ['anna-karl-morning', 'anna-greta-morning', 'bo-karl-declined']) {
      const h = happened[label]!;
      expect(identify(visits, label)).toMatchObject({
        source: 'lock',
        state: 'registered',
        providerId: w.providerA,
        staffMemberIds: [h.staffId],
        departure: iso(h.departure),
      });
    }
    for (const label of ['bo-nils-morning', 'bo-nils-long'])
      expect(identify(visits, label)).toMatchObject({ source: 'phone', state: 'registered' });
    // The entrance's openings arrived (the event log has them) and made no visit.
    const entranceEvents = await auditor.get(`/api/v1/event-log/lock/${w.locks.entrance.id}`);
    expect(
      entranceEvents.body.items
        .filter((e: { kind: number; result: number }) => e.kind === 1 && e.result === 0)
        .map((e: { occurredAt: string }) => e.occurredAt)
        .sort(),
    ).toEqual([at('06:50'), at('07:40'), at('09:00')].map(iso));
    expect(visits.map((v) => v.customerId).sort()).toEqual(
      [w.customers.karl, w.customers.karl, w.customers.greta, w.customers.nils, w.customers.nils].sort(),
    );
  });

  it('the evening: new activations, a visit whose departure was turned late, and one across 22:00', async () => {
    moveTo(at('16:00'));
    expect(await w.box.activate(bo.key, bo.pin)).toMatchObject({ isActivated: true });
    moveTo(at('17:25'));
    expect(await w.box.activate(anna.key, anna.pin)).toMatchObject({ isActivated: true });
    await open(anna, w.locks.entrance.lock, at('17:30'));
    // Anna left at 18:16 but turned the key only when she came back at 18:56: the work lead
    // corrects the departure tomorrow.
    await lockVisit('anna-greta-evening', anna, 'greta', '17:31', '18:56');
    await sync(anna, at('19:10'));
    await open(bo, w.locks.entrance.lock, at('21:44'));
    await lockVisit('bo-karl-evening', bo, 'karl', '21:45', '22:15');
    await sync(bo, at('22:30'));

    const visits = await visitsOfTheDay(workLead);
    expect(visits).toHaveLength(7);
    expect(identify(visits, 'anna-greta-evening')).toMatchObject({ state: 'registered', minutes: 85 });
    expect(identify(visits, 'bo-karl-evening')).toMatchObject({ state: 'registered', minutes: 30 });
    // Activations extend the shifts they opened in the morning.
    expect((await shiftsOf(anna.id)).map((s) => s.source)).toEqual(['activation']);
  });

  it('refuses to run a month that has not ended (422 run_in_future), and creates no run', async () => {
    const refused = await admin.post('/api/v1/compensation-runs', { month: '2026-03' });
    expect([refused.status, refused.body.code]).toEqual([422, 'run_in_future']);
    expect((await admin.get('/api/v1/compensation-runs?month=2026-03')).body.items).toEqual([]);
  });

  it('the work lead corrects one visit and declines another: new versions with the reasons, the old kept', async () => {
    moveTo(at('08:00', '2026-03-04'));
    const greta = happened['anna-greta-evening']!;
    const correctedDeparture = at('18:16');
    const corrected = await workLead.post(`/api/v1/visits/${greta.visitId}/corrections`, {
      version: 1,
      reason: 'Nyckeln vreds om först 18:56; Anna gick 18:16 (besöksanteckningen). Dusch och middag.',
      departure: iso(correctedDeparture),
      services: ['personal_care', 'meals'],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toEqual({ id: greta.visitId, version: 2 });
    greta.departure = correctedDeparture;

    const declined = happened['bo-karl-declined']!;
    const decline = await workLead.post(`/api/v1/visits/${declined.visitId}/decline`, {
      version: 1,
      reason: 'Karl ville inte duscha i dag.',
    });
    expect(decline.status).toBe(200);

    const detail = (await workLead.get(`/api/v1/visits/${greta.visitId}`)).body;
    expect(detail.visit).toMatchObject({
      state: 'corrected',
      departure: iso(correctedDeparture),
      minutes: 45,
      services: ['personal_care', 'meals'],
    });
    expect(detail.versions.map((v: Record<string, unknown>) => [v.version, v.state, v.departure])).toEqual([
      [1, 'registered', iso(at('18:56'))],
      [2, 'corrected', iso(correctedDeparture)],
    ]);
    expect((await workLead.get(`/api/v1/visits/${declined.visitId}`)).body.visit).toMatchObject({
      state: 'declined',
      declinedReason: 'Karl ville inte duscha i dag.',
    });
  });

  it('approval waits for the exceptions: the too-long visit is confirmed, both days approved, the queue empty', async () => {
    const query = new URLSearchParams(dayRange()).toString();
    const queue = await workLead.get(`/api/v1/visit-exceptions?${query}`);
    expect(queue.status).toBe(200);
    const long = happened['bo-nils-long']!;
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        code: 'too_long',
        isHolding: true,
        visitIds: [long.visitId],
        resolution: null,
      }),
    ]);
    const exception = queue.body.items[0] as { key: string; at: string };

    const early = await workLead.post('/api/v1/visits/approvals', { staffMemberId: bo.id, day: theDay });
    expect([early.status, early.body.code, early.body.details]).toEqual([
      409,
      'unresolved_exceptions',
      { keys: [exception.key] },
    ]);
    const confirmed = await workLead.post('/api/v1/visit-exceptions/confirmations', {
      key: exception.key,
      at: exception.at,
      reason: 'Nils hade fallit; Bo stannade tills ambulansen kom.',
    });
    expect(confirmed.status).toBe(201);

    for (const staff of [anna, bo]) {
      const approved = await workLead.post('/api/v1/visits/approvals', {
        staffMemberId: staff.id,
        day: theDay,
      });
      expect(approved.status).toBe(200);
    }
    expect((await workLead.get(`/api/v1/visit-exceptions?${query}`)).body.items).toEqual([]);
    const states = Object.fromEntries((await visitsOfTheDay(workLead)).map((v) => [v.id, v.state]));
    for (const h of Object.values(happened))
      expect(states[h.visitId!], h.label).toBe(h.label === 'bo-karl-declined' ? 'declined' : 'approved');
    for (const staff of [anna, bo])
      expect((await shiftsOf(staff.id)).every((s) => s.approved_at !== null)).toBe(true);
  });

  let runId: string;
  let lines: Array<Record<string, string>>;

  it('the month’s run: its CSV lines equal the minutes and amounts computed here from the day’s times', async () => {
    // After the month has ended and before its lock date (the 5th); Stockholm is on CEST by then.
    moveTo(Date.parse('2026-04-02T09:00:00+02:00') / 1000);
    const run = await admin.post('/api/v1/compensation-runs', { month: '2026-03' });
    expect(run.status).toBe(201);
    const ours = (run.body.items as Array<{ id: string; providerId: string; totalAmountOre: number }>).find(
      (r) => r.providerId === w.providerA,
    )!;
    runId = ours.id;

    const csv = await admin.getBytes(`/api/v1/compensation-runs/${runId}/lines.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    lines = parse(Buffer.from(csv.bytes), {
      bom: true,
      delimiter: ';',
      columns: true,
      skip_empty_lines: true,
    });

    const paid = [
      { label: 'anna-karl-morning', services: [] },
      { label: 'anna-greta-morning', services: [] },
      { label: 'anna-greta-evening', services: ['personal_care', 'meals'] },
      { label: 'bo-karl-evening', services: [] },
      { label: 'bo-nils-morning', services: [] },
      { label: 'bo-nils-long', services: [] },
    ].map(({ label, services }) => ({ h: happened[label]!, services }));
    const expected = expectedLines(paid);
    const names: Record<string, string> = {
      [w.customers.karl]: 'Karl Kund',
      [w.customers.greta]: 'Greta Kund',
      [w.customers.nils]: 'Nils Kund',
    };
    const asCsv = (line: ExpectedLine) => ({
      Utförare: 'Hemtjänst Väster',
      Månad: '2026-03',
      Kund: names[line.customerId],
      'Kund-id': line.customerId,
      Insats: serviceNames[line.service],
      Tidsband: bandNames[line.band],
      'Kundtid (min)': String(line.customerMinutes),
      'Personaltid (min)': String(line.staffMinutes),
      'Timpris (kr)': kronor(line.perHour * 100),
      'Belopp (kr)': kronor(line.amountOre),
      Besök: line.visitIds.join(' '),
    });
    const byKey = (row: Record<string, string | undefined>) =>
      `${row['Kund-id']} ${row.Insats} ${row.Tidsband}`;
    const sortRows = <T extends Record<string, string | undefined>>(rows: T[]) =>
      [...rows].sort((a, b) => byKey(a).localeCompare(byKey(b)));
    const received = lines.map((row) => ({ ...row, Besök: row.Besök!.split(' ').sort().join(' ') }));
    expect(sortRows(received)).toEqual(sortRows(expected.map(asCsv)));

    // The figures, spelled out once: Karl's morning visit began in the night band.
    expect(expected.find((l) => l.customerId === w.customers.karl && l.band === 'night')).toMatchObject({
      customerMinutes: 8 + 15,
      amountOre: Math.round((23 * 640 * 100) / 60),
    });
    expect(ours.totalAmountOre).toBe(expected.reduce((sum, l) => sum + l.amountOre, 0));
    // The declined visit is nowhere on the invoice, and nothing is held back or late.
    expect(lines.some((l) => l.Besök!.includes(happened['bo-karl-declined']!.visitId!))).toBe(false);
    expect((await admin.get(`/api/v1/compensation-runs/${runId}`)).body.run).toMatchObject({
      heldBackVisitIds: [],
      lateVisitIds: [],
    });
  });

  it('traces every invoice line back to records the locks signed or requests the phone signed', async () => {
    const visitIds = [...new Set(lines.flatMap((l) => l.Besök!.split(' ')))];
    expect(visitIds).toHaveLength(6);
    const devices = (await auditor.get('/api/v1/devices')).body.items as Array<{
      id: string;
      publicJwk: PublicJwk;
    }>;
    const phoneKey = await importPublicJwk(devices.find((d) => d.id === w.boPhone.id)!.publicJwk);
    const lockOfCustomer = { [w.customers.karl]: w.locks.karl, [w.customers.greta]: w.locks.greta };
    const staffById = { [anna.id]: anna, [bo.id]: bo };

    /** Checks one version's evidence against the times it gives, returning the roles it proves. */
    const checkEvidence = async (
      version: { arrival: string; departure: string | null; evidence: Array<Record<string, any>> },
      visit: { customerId: string; staffMemberIds: string[] },
    ) => {
      const roles: string[] = [];
      for (const item of version.evidence) {
        const time = item.role === 'arrival' ? version.arrival : version.departure;
        if (item.kind === 'lock_record') {
          // The stored record's exact bytes, decoded: this lock, this chain position, an `ok`
          // opening by the visit's staff member at the customer's door, at the version's time.
          const lock = lockOfCustomer[visit.customerId]!;
          expect(item.deviceId).toBe(lock.id);
          const record = decodeEventRecord(new Uint8Array(Buffer.from(item.record as string, 'base64url')));
          expect(record).toMatchObject({
            sequence: item.sequence,
            kind: 'open-attempt',
            result: 'ok',
            reason: 'none',
            verified: true,
            lock: lock.number,
            staff: staffById[visit.staffMemberIds[0]!]!.pseudonym,
            time: Date.parse(time!) / 1000,
          });
          expect(bytesToUuid(record.deviceId)).toBe(lock.id);
          expect(bytesToUuid(record.keyId!)).toBe(staffById[visit.staffMemberIds[0]!]!.keyId);
        } else {
          // The phone's signed request as received, verified with the phone's enrolled key.
          const bytes = new Uint8Array(Buffer.from(item.request as string, 'base64url'));
          expect(item.deviceId).toBe(w.boPhone.id);
          const check = await verifyVisitCheck(bytes, phoneKey);
          expect(check).toMatchObject({
            action: item.role === 'arrival' ? 'check-in' : 'check-out',
            customer: uuidToBytes(visit.customerId),
            keyId: uuidToBytes(w.boPhone.id),
          });
          expect(item.occurredAt).toBe(time);
          expect(createHash('sha256').update(bytes).digest('hex')).toBe(item.requestSha256);
        }
        roles.push(item.role as string);
      }
      return roles.sort();
    };

    for (const visitId of visitIds) {
      const detail = (await auditor.get(`/api/v1/visits/${visitId}`)).body;
      const current = detail.versions.at(-1);
      expect(current.evidence).toEqual(detail.evidence);
      const h = Object.values(happened).find((x) => x.visitId === visitId)!;
      const proved = await checkEvidence({ ...detail.visit, evidence: detail.evidence }, detail.visit);
      if (h.label === 'anna-greta-evening') {
        // The corrected departure names no record; the first version keeps both, and its
        // departure record is the key turn at 18:56 the correction replaced.
        expect(proved).toEqual(['arrival']);
        const first = detail.versions[0];
        expect(await checkEvidence(first, detail.visit)).toEqual(['arrival', 'departure']);
        expect(first.departure).toBe(iso(at('18:56')));
        expect(detail.versions[1]).toMatchObject({
          state: 'corrected',
          reason: expect.stringContaining('18:16'),
        });
      } else {
        expect(proved, h.label).toEqual(['arrival', 'departure']);
      }
    }

    // The stored records hash into the chains the locks and keys signed (`portvakt verify-log`).
    const verified = await verifyEventLog(w.server.db.pool, {
      municipalityId: w.municipalityId,
      isRecording: false,
    });
    expect(verified.findings).toEqual([]);
    expect(verified.records).toBeGreaterThan(0);
  });

  it('shows the other provider’s work lead nothing of it', async () => {
    expect(await visitsOfTheDay(w.otherWorkLead)).toEqual([]);
    const someVisit = happened['anna-karl-morning']!.visitId!;
    expect((await w.otherWorkLead.get(`/api/v1/visits/${someVisit}`)).status).toBe(404);
    expect((await w.otherWorkLead.get(`/api/v1/compensation-runs/${runId}/lines.csv`)).status).toBe(404);
    const runs = (await w.otherWorkLead.get('/api/v1/compensation-runs?month=2026-03')).body.items as Array<{
      providerId: string;
    }>;
    expect(runs.map((r) => r.providerId)).toEqual([w.providerB]);
  });
});
