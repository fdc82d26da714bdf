// The demo's support side (issue #13, docs/support.md, docs/key-cabinets.md, docs/backup-keys.md):
// an emergency locksmith company on call, support cases, two months of emergency openings, key
// cabinets with backup keys, deviation plans and keys returned, so the Support, Nödöppning,
// Nyckelskåp, Reservnycklar, Avvikelseplaner, Återlämning and Nycklar kvar pages have content.
// Everything goes through the API's use cases (or, for a case's creation and notes, the storage
// functions every creator uses), each stamped at an instant counted back from the seed's `now`.
import { randomUUID } from 'node:crypto';
import {
  decideAccess,
  findLocalDay,
  readRaiserOrganisation,
  type Actor,
  type EmergencyCause,
  type Scope,
  type SupportCaseCategory,
  type SupportCasePriority,
  type SupportCaseStatus,
} from '@portvakt/core';
import {
  addOnCallContact,
  assignEmergencyLocksmith,
  authoriseKeyTake,
  confirmEmergencyArrival,
  createBackupKey,
  createDeviationPlan,
  createKeyCabinet,
  decideDeviationPlan,
  judgeReadiness,
  recordEmergencyStep,
  recordKeyReceipt,
  reportEmergencyOpening,
  returnBackupKey,
  updateMunicipality,
  updateSupportCase,
  type Mailer,
} from '@portvakt/server';
import {
  appendAudit,
  appendSupportCaseNote,
  hasLocksmithCompanyNamed,
  insertRows,
  insertSupportCase,
  listDemoSupportTargets,
  listStaffIdsOfProvider,
  listUsersByUsername,
  readReadinessSnapshot,
  readIdsByNaturalKey,
  updateUser,
  withTransaction,
  type DemoSupportTarget,
} from '@portvakt/storage';
import type pg from 'pg';

export const demoLocksmithCompanyName = 'Portvik Lås & Säkerhet';
const requestId = 'seed-demo';
const providerNames = {
  municipal: 'Hemtjänsten Portvik (kommunal)',
  omsorgshuset: 'Omsorgshuset Portvik AB',
} as const;
const logins = {
  admin: 'demo.admin',
  lockManager: 'demo.lasansvarig',
  support: 'demo.support',
  installer: 'demo.montor',
  workLead: 'demo.arbetsledare',
  otherWorkLead: 'demo.arbetsledare.omsorgshuset',
  staff: 'demo.personal',
  owner: 'demo.fastighetsagare',
} as const;
type LoginKey = keyof typeof logins;

/**
 * The demo sends no mail: the on-call contacts have phone numbers only, so assigning a locksmith
 * never calls this; if it ever did, the assignment's timeline says the mail could not be sent.
 */
const noMail: Mailer = {
  isDelivering: false,
  send: () => Promise.reject(new Error('seed-demo sends no mail')),
};

interface Setting {
  pool: pg.Pool;
  municipalityId: string;
  now: Date;
  actors: Record<LoginKey, Actor>;
  providers: { municipal: string; omsorgshuset: string };
}

/**
 * Adds the support side to the demo municipality once: does nothing when the demo's locksmith
 * company exists (a demo seeded before this existed gets it on its next seed-demo run).
 */
export async function seedDemoSupport(pool: pg.Pool, municipalityId: string, now: Date): Promise<void> {
  if (await hasLocksmithCompanyNamed(pool, municipalityId, demoLocksmithCompanyName)) return;
  const setting = await readSetting(pool, municipalityId, now);
  const companyId = await seedLocksmithCompany(setting);
  await seedSupportCases(setting);
  await seedEmergencies(setting, companyId);
  await seedDeviationPlans(setting);
  await seedBackupKeys(setting);
}

async function readSetting(pool: pg.Pool, municipalityId: string, now: Date): Promise<Setting> {
  const users = await listUsersByUsername(pool, municipalityId, Object.values(logins));
  const staffRow = await pool.query<{ id: string; staffMemberId: string | null }>(
    'SELECT id, staff_member_id AS "staffMemberId" FROM user_account WHERE municipality_id = $1 AND username = $2',
    [municipalityId, logins.staff],
  );
  const actorOf = (key: LoginKey): Actor => {
    const user = users.find((row) => row.username === logins[key]);
    if (!user) throw new Error(`The demo login ${logins[key]} is missing; seed a fresh demo.`);
    return {
      kind: 'user',
      id: user.id,
      label: user.username,
      role: user.role,
      municipalityId,
      providerId: user.providerId,
      staffMemberId: key === 'staff' ? (staffRow.rows[0]?.staffMemberId ?? null) : null,
      isReadOnly: false,
    };
  };
  const actors = Object.fromEntries(
    (Object.keys(logins) as LoginKey[]).map((key) => [key, actorOf(key)]),
  ) as Record<LoginKey, Actor>;
  const providerIds = await readIdsByNaturalKey(pool, 'provider', municipalityId);
  const providerId = (name: string) => {
    const id = providerIds.get(name);
    if (!id) throw new Error(`The demo provider ${name} is missing; seed a fresh demo.`);
    return id;
  };
  return {
    pool,
    municipalityId,
    now,
    actors,
    providers: {
      municipal: providerId(providerNames.municipal),
      omsorgshuset: providerId(providerNames.omsorgshuset),
    },
  };
}

/** An instant `days` days before the seed's now, at `hh:mm` UTC (minutes before now when days = 0). */
function daysAgo(setting: Setting, days: number, hh = 9, mm = 0): Date {
  const at = new Date(setting.now.getTime() - days * 86_400_000);
  at.setUTCHours(hh, mm, 0, 0);
  return at;
}

function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

function scopeOf(
  actor: Actor,
  resource: Parameters<typeof decideAccess>[1],
  action: 'create' | 'update',
): Scope {
  const scope = decideAccess(actor, resource, action);
  if (!scope) throw new Error(`${actor.label} may not ${action} ${resource}.`);
  return scope;
}

/** The emergency-contracted company with two on-call contacts; the demo installer works there. */
async function seedLocksmithCompany(setting: Setting): Promise<string> {
  const { pool, municipalityId, actors } = setting;
  const id = randomUUID();
  await withTransaction(pool, async (client) => {
    await insertRows(client, 'locksmith_company', [
      {
        id,
        municipality_id: municipalityId,
        name: demoLocksmithCompanyName,
        organisation_number: '556712-3456',
        contact_email: 'jour@portviklas.example.se',
        contact_phone: '08-555 123 00',
        is_emergency_contracted: true,
      },
    ]);
    await updateUser(client, actors.installer.id, { locksmithCompanyId: id });
    await appendAudit(client, {
      municipalityId,
      actorLabel: requestId,
      action: 'create',
      entity: 'locksmith_company',
      entityId: id,
      after: { name: demoLocksmithCompanyName, isEmergencyContracted: true, installer: logins.installer },
      source: 'cli',
    });
  });
  const contacts = [
    { name: 'Mats Hedlund', phone: '070-555 12 34', callOrder: 1 },
    { name: 'Sara Lind', phone: '070-555 56 78', callOrder: 2 },
  ];
  for (const fields of contacts)
    await addOnCallContact({
      db: pool,
      actor: actors.admin,
      input: { companyId: id, fields },
      requestId,
      now: daysAgo(setting, 70),
    });
  // Support around the clock since before the first emergency: one of the readiness conditions.
  await updateMunicipality({
    db: pool,
    actor: actors.admin,
    input: { settings: { roundTheClockSupportSince: findLocalDay(daysAgo(setting, 130)) } },
    requestId,
  });
  return id;
}

interface CaseStep {
  days: number;
  hh: number;
  mm: number;
  note?: string;
  status?: SupportCaseStatus;
}

interface CasePlan {
  raiser: LoginKey;
  category: SupportCaseCategory;
  priority: SupportCasePriority;
  title: string;
  description: string;
  days: number;
  hh: number;
  /** Which of the raiser's provider's customers (with their apartment door) it is about. */
  customerIndex?: number;
  steps: CaseStep[];
}

const casePlans: CasePlan[] = [
  {
    raiser: 'workLead',
    category: 'lock_fault',
    priority: 'high',
    title: 'Låset på lägenhetsdörren svarar inte',
    description: 'Personalen fick vänta vid dörren två gånger i morse; låset blinkar rött.',
    days: 12,
    hh: 8,
    customerIndex: 0,
    steps: [
      { days: 12, hh: 8, mm: 25, status: 'in_progress', note: 'Montören bokad till i eftermiddag.' },
      { days: 12, hh: 14, mm: 10, note: 'Låset bytt; gamla låset skickat för felsökning.' },
      { days: 11, hh: 9, mm: 0, status: 'resolved' },
    ],
  },
  {
    raiser: 'staff',
    category: 'battery',
    priority: 'normal',
    title: 'Låg batterinivå på porten',
    description: 'Appen varnar för låg batterinivå på entrédörren.',
    days: 5,
    hh: 10,
    steps: [
      { days: 5, hh: 10, mm: 40, status: 'in_progress', note: 'Batteribyte lagt i nästa servicerunda.' },
    ],
  },
  {
    raiser: 'otherWorkLead',
    category: 'key_fault',
    priority: 'normal',
    title: 'Telefonnyckeln fungerar inte efter byte av telefon',
    description: 'En medarbetare har bytt telefon och nyckeln följde inte med.',
    days: 3,
    hh: 13,
    customerIndex: 1,
    steps: [
      {
        days: 3,
        hh: 13,
        mm: 30,
        status: 'waiting',
        note: 'Väntar på att medarbetaren aktiverar den nya telefonen.',
      },
    ],
  },
  {
    raiser: 'owner',
    category: 'property_owner_question',
    priority: 'low',
    title: 'Vem ansvarar för låset i porten vid renovering?',
    description: 'Vi byter entrédörrar i vår. Hur går det till med de digitala låsen?',
    days: 8,
    hh: 11,
    steps: [
      { days: 8, hh: 13, mm: 0, status: 'in_progress', note: 'Låsansvarig kontaktar fastighetsägaren.' },
      {
        days: 7,
        hh: 9,
        mm: 15,
        status: 'resolved',
        note: 'Låsen flyttas av kommunens montör; arbetsorder läggs när datum är klart.',
      },
      { days: 6, hh: 9, mm: 0, status: 'closed' },
    ],
  },
  {
    raiser: 'lockManager',
    category: 'other',
    priority: 'normal',
    title: 'Synkstationen i Söderhamnen rapporterar sent',
    description: 'Händelser från Söderhamnen kommer in med flera timmars fördröjning.',
    days: 1,
    hh: 9,
    steps: [],
  },
];

/** Ordinary cases in every status, raised by the people who raise them, worked by demo.support. */
async function seedSupportCases(setting: Setting): Promise<void> {
  const { pool, municipalityId, actors } = setting;
  const targets = {
    workLead: await listDemoSupportTargets(
      pool,
      municipalityId,
      setting.providers.municipal,
      findLocalDay(setting.now),
    ),
    otherWorkLead: await listDemoSupportTargets(
      pool,
      municipalityId,
      setting.providers.omsorgshuset,
      findLocalDay(setting.now),
    ),
  };
  for (const plan of casePlans) {
    const raiser = actors[plan.raiser];
    const target =
      plan.customerIndex === undefined
        ? undefined
        : (plan.raiser === 'otherWorkLead' ? targets.otherWorkLead : targets.workLead)[plan.customerIndex];
    const at = daysAgo(setting, plan.days, plan.hh);
    const made = await withTransaction(pool, async (client) => {
      const row = await insertSupportCase(
        client,
        {
          municipalityId,
          category: plan.category,
          priority: plan.priority,
          title: plan.title,
          description: plan.description,
          raisedByUserId: raiser.id,
          raisedBy: raiser.label,
          raisedByRole: raiser.role,
          ...readRaiserOrganisation(raiser),
          customerId: target?.customerId ?? null,
          doorId: target?.apartmentDoorId ?? null,
        },
        at,
      );
      await appendAudit(client, {
        municipalityId,
        actorLabel: raiser.label,
        action: 'create',
        entity: 'support_case',
        entityId: row.id,
        after: { reference: row.reference, category: plan.category, title: plan.title, seededBy: requestId },
        source: 'cli',
      });
      return row;
    });
    let version = 1;
    for (const step of plan.steps) {
      const stepAt = daysAgo(setting, step.days, step.hh, step.mm);
      if (step.note)
        await appendSupportCaseNote(
          pool,
          {
            supportCaseId: made.id,
            kind: 'note',
            body: step.note,
            authorUserId: actors.support.id,
            author: actors.support.label,
          },
          stepAt,
        );
      if (step.status) {
        const change =
          version === 1
            ? { version, status: step.status, assignedUserId: actors.support.id }
            : { version, status: step.status };
        const after = await updateSupportCase({
          db: pool,
          actor: actors.support,
          input: { id: made.id, change },
          requestId,
          now: minutesAfter(stepAt, 1),
        });
        version = after.version;
      }
    }
  }
}

interface EmergencyPlan {
  days: number;
  hh: number;
  mm: number;
  /** Minutes from the assignment until the locksmith confirms arrival: over 60 is a breach. */
  onSiteAfter: number;
  cause: EmergencyCause;
  note: string;
}

const emergencyPlans: EmergencyPlan[] = [
  { days: 56, hh: 6, mm: 40, onSiteAfter: 38, cause: 'battery', note: 'Batteriet slut, bytt på plats.' },
  { days: 50, hh: 17, mm: 15, onSiteAfter: 52, cause: 'lock_fault', note: 'Låset bytt dagen efter.' },
  { days: 44, hh: 20, mm: 5, onSiteAfter: 47, cause: 'phone_fault', note: 'Telefonen hade tappat nyckeln.' },
  { days: 38, hh: 6, mm: 50, onSiteAfter: 71, cause: 'lock_fault', note: 'Låssmeden fastnade i trafik.' },
  { days: 31, hh: 18, mm: 30, onSiteAfter: 33, cause: 'battery', note: 'Batteriet slut.' },
  {
    days: 26,
    hh: 1,
    mm: 10,
    onSiteAfter: 58,
    cause: 'key_fault',
    note: 'Nattpersonalens nyckel spärrad av misstag.',
  },
  { days: 19, hh: 15, mm: 45, onSiteAfter: 44, cause: 'lock_fault', note: 'Motorn i låset trasig.' },
  {
    days: 13,
    hh: 21,
    mm: 20,
    onSiteAfter: 83,
    cause: 'unknown',
    note: 'Dörren gick att öppna när låssmeden kom.',
  },
  { days: 8, hh: 7, mm: 20, onSiteAfter: 41, cause: 'phone_fault', note: 'Appen behövde installeras om.' },
  { days: 3, hh: 12, mm: 5, onSiteAfter: 55, cause: 'battery', note: 'Batteriet slut trots varning.' },
];

/**
 * Ten emergencies over eight weeks, closed (two with the locksmith late), and one reported minutes
 * ago with the locksmith on the way: reported by the provider's work lead, assigned by support,
 * arrival confirmed through the single-use link, door opened and closed by support.
 */
async function seedEmergencies(setting: Setting, companyId: string): Promise<void> {
  const { pool, municipalityId, actors } = setting;
  // Customers the provider served all along: from two months ago until today.
  const servedAllAlong = async (providerId: string) => {
    const today = new Set(
      (await listDemoSupportTargets(pool, municipalityId, providerId, findLocalDay(setting.now))).map(
        (target) => target.customerId,
      ),
    );
    const then = await listDemoSupportTargets(
      pool,
      municipalityId,
      providerId,
      findLocalDay(daysAgo(setting, 60)),
    );
    return then.filter((target) => today.has(target.customerId));
  };
  const reporters = [
    { actor: actors.workLead, targets: await servedAllAlong(setting.providers.municipal) },
    { actor: actors.otherWorkLead, targets: await servedAllAlong(setting.providers.omsorgshuset) },
  ];
  const report = async (index: number, reportedAt: Date) => {
    const reporter = reporters[index % 2]!;
    // Customers from the back of the list, so the backup keys (from the front) land on others.
    const target = reporter.targets.at(-1 - Math.floor(index / 2))!;
    const made = await reportEmergencyOpening({
      db: pool,
      actor: reporter.actor,
      input: {
        customerId: target.customerId,
        doorId: target.apartmentDoorId,
        description: 'Kommer inte in hos kunden: låset reagerar inte på nyckeln.',
      },
      requestId,
      now: reportedAt,
    });
    const assigned = await assignEmergencyLocksmith({
      db: pool,
      actor: actors.support,
      input: { id: made.id, change: { locksmithCompanyId: companyId, version: made.version } },
      requestId,
      now: minutesAfter(reportedAt, 6),
      mailer: noMail,
      publicUrl: undefined,
    });
    return {
      id: made.id,
      assignedAt: minutesAfter(reportedAt, 6),
      token: assigned.arrivalUrl.split('/').at(-1)!,
    };
  };
  for (const [index, plan] of emergencyPlans.entries()) {
    const { id, assignedAt, token } = await report(index, daysAgo(setting, plan.days, plan.hh, plan.mm));
    const onSiteAt = minutesAfter(assignedAt, plan.onSiteAfter);
    await confirmEmergencyArrival({ db: pool, token, now: onSiteAt, address: requestId, requestId });
    const opened = await recordEmergencyStep({
      db: pool,
      actor: actors.support,
      // Reported (1), assigned (2), on site (3).
      input: { id, step: 'door_opened', change: { version: 3 } },
      requestId,
      now: minutesAfter(onSiteAt, 4),
    });
    await recordEmergencyStep({
      db: pool,
      actor: actors.support,
      input: { id, step: 'close', change: { version: opened.version, cause: plan.cause, note: plan.note } },
      requestId,
      now: minutesAfter(onSiteAt, 25),
    });
  }
  // Still open: reported 22 minutes before the seed's now, the locksmith due in 44 minutes.
  await report(emergencyPlans.length, minutesAfter(setting.now, -22));
}

/** The municipal provider's plan approved a hundred days ago; Omsorgshuset's waits for a decision. */
async function seedDeviationPlans(setting: Setting): Promise<void> {
  const { pool, actors } = setting;
  const approved = await createDeviationPlan({
    db: pool,
    actor: actors.workLead,
    input: {
      body:
        'Kommer personalen inte in digitalt ringer de support (dygnet runt) och hämtar kundens reservnyckel ur ' +
        'nyckelskåpet på Storgatan 12 med skäl angivet. Är skåpet ur funktion begärs nödöppning; kunden ' +
        'informeras om förseningen.',
      validFrom: findLocalDay(daysAgo(setting, 100)),
    },
    requestId,
    now: daysAgo(setting, 104, 10),
  });
  await decideDeviationPlan({
    db: pool,
    actor: actors.admin,
    input: { id: approved.id, decision: { decision: 'approved' } },
    requestId,
    now: daysAgo(setting, 102, 14),
  });
  await createDeviationPlan({
    db: pool,
    actor: actors.otherWorkLead,
    input: {
      body:
        'Vid fel på låset eller telefonen ringer personalen arbetsledaren, som hämtar reservnyckeln i ' +
        'kassaskåpet på kontoret. Besöket förs in i avvikelseloggen samma dag.',
      validFrom: findLocalDay(setting.now),
    },
    requestId,
    now: daysAgo(setting, 4, 15),
  });
}

/**
 * A cabinet per home-care provider. The municipal provider holds keys for customers it serves
 * alone (ready for return once everything else is in place), six in cabinet slots and two in
 * the office safe, plus five returned over the past months (the falling line on "Nycklar kvar");
 * Omsorgshuset holds four (not ready: its plan is not approved). Two takes are authorised; the
 * cabinets' own signed take and return records are not seeded (they come from an enrolled device).
 */
async function seedBackupKeys(setting: Setting): Promise<void> {
  const { pool, municipalityId, actors, providers } = setting;
  const today = findLocalDay(setting.now);
  const receivedOn = findLocalDay(daysAgo(setting, 150));
  const cabinets = {
    municipal: await createKeyCabinet({
      db: pool,
      actor: actors.lockManager,
      scope: scopeOf(actors.lockManager, 'key_cabinet', 'create'),
      input: {
        name: 'Nyckelskåp Storgatan 12',
        location: 'Hemtjänstens lokal, Storgatan 12, förråd',
        slotCount: 24,
        providerId: providers.municipal,
      },
      requestId,
      now: daysAgo(setting, 160),
    }),
    omsorgshuset: await createKeyCabinet({
      db: pool,
      actor: actors.lockManager,
      scope: scopeOf(actors.lockManager, 'key_cabinet', 'create'),
      input: {
        name: 'Nyckelskåp Omsorgshuset',
        location: 'Omsorgshusets kontor, entréplan',
        slotCount: 12,
        providerId: providers.omsorgshuset,
      },
      requestId,
      now: daysAgo(setting, 160),
    }),
  };
  const municipalTargets = (
    await listDemoSupportTargets(pool, municipalityId, providers.municipal, today)
  ).filter((target) => target.isServedAlone && target.isIntroduced);
  const otherTargets = await listDemoSupportTargets(pool, municipalityId, providers.omsorgshuset, today);
  const store = async (
    actor: Actor,
    target: DemoSupportTarget,
    place: { keyCabinetId: string; slot: number } | { safeName: string },
    witness: string,
  ) => {
    const key = await createBackupKey({
      db: pool,
      actor,
      input: {
        customerId: target.customerId,
        doorId: target.apartmentDoorId,
        copies: 1,
        receivedOn,
        ...place,
      },
      requestId,
      now: daysAgo(setting, 150, 13),
    });
    await recordKeyReceipt({
      db: pool,
      actor,
      input: {
        id: key.id,
        receipt: { kind: 'received', signedOn: receivedOn, signedBy: 'Kunden', witnessedBy: witness },
      },
      requestId,
      now: daysAgo(setting, 150, 14),
    });
    return key;
  };
  // Customers ready today first, so the readiness list shows both kinds.
  const readyToday = await findAll(
    municipalTargets.slice(0, 40),
    (target) => isReadyOn(setting, target, today),
    3,
  );
  const held = [
    ...readyToday,
    ...municipalTargets.filter((target) => !readyToday.includes(target)).slice(0, 8 - readyToday.length),
  ];
  const office = { safeName: 'Kassaskåpet, Storgatan 12' };
  for (const [i, target] of held.entries())
    await store(
      actors.workLead,
      target,
      i < 6 ? { keyCabinetId: cabinets.municipal.id, slot: i + 1 } : office,
      'Lena Sundberg',
    );
  for (const [i, target] of otherTargets.slice(0, 4).entries())
    await store(
      actors.otherWorkLead,
      target,
      { keyCabinetId: cabinets.omsorgshuset.id, slot: i + 1 },
      'Karim Haddad',
    );
  // Returned one at a time as the customers became ready (a return is refused before): each to a
  // customer served by the municipal provider alone whom core's rule finds ready on the day.
  const used = new Set(held.map((target) => target.customerId));
  for (const days of [95, 75, 55, 35, 15]) {
    const returnedAt = daysAgo(setting, days, 11);
    const day = findLocalDay(returnedAt);
    const candidates = (await listDemoSupportTargets(pool, municipalityId, providers.municipal, day)).filter(
      (candidate) => candidate.isServedAlone && candidate.isIntroduced && !used.has(candidate.customerId),
    );
    const [target] = await findAll(
      candidates.slice(0, 40),
      (candidate) => isReadyOn(setting, candidate, day),
      1,
    );
    if (!target) continue;
    used.add(target.customerId);
    const key = await store(actors.workLead, target, office, 'Lena Sundberg');
    await returnBackupKey({
      db: pool,
      actor: actors.workLead,
      input: {
        id: key.id,
        return: { version: key.version, returnedOn: day, returnedTo: 'Kunden', witnessedBy: 'Lena Sundberg' },
      },
      requestId,
      now: returnedAt,
    });
  }
  const staffIds = await listStaffIdsOfProvider(pool, providers.municipal);
  const take = async (slot: number, reason: 'planned' | 'lock_fault', at: Date, staffIndex: number) =>
    authoriseKeyTake({
      db: pool,
      actor: actors.workLead,
      scope: scopeOf(actors.workLead, 'key_cabinet_take', 'create'),
      input: {
        keyCabinetId: cabinets.municipal.id,
        take: {
          slot,
          reason,
          staffMemberId: staffIds[staffIndex]!,
          ...(reason === 'planned' ? {} : { reasonText: 'Låset svarar inte' }),
        },
      },
      requestId,
      now: at,
    });
  await take(2, 'lock_fault', daysAgo(setting, 2, 6, 30), 1);
  await take(1, 'planned', minutesAfter(setting.now, -5), 0);
}

/** Whether core's readiness rule (as the return and the readiness list judge it) passes on `day`. */
async function isReadyOn(setting: Setting, target: DemoSupportTarget, day: string): Promise<boolean> {
  const scope = { kind: 'municipality', municipalityId: setting.municipalityId } as const;
  const snapshot = await readReadinessSnapshot(setting.pool, scope, { customerId: target.customerId }, day);
  return judgeReadiness(snapshot, scope, day)[0]?.isReady ?? false;
}

/** The first `limit` items passing `test`, tried one after another. */
async function findAll<T>(
  items: readonly T[],
  test: (item: T) => Promise<boolean>,
  limit: number,
): Promise<T[]> {
  const found: T[] = [];
  for (const item of items) {
    if (found.length >= limit) break;
    if (await test(item)) found.push(item);
  }
  return found;
}
