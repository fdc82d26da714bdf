// The demo's support side (issue #13, docs/support.md, docs/key-cabinets.md, docs/backup-keys.md):
// an emergency locksmith company on call, support cases, two months of emergency openings, key
// cabinets with backup keys, deviation plans and keys returned, so the Support, Nödöppning,
// Nyckelskåp, Reservnycklar, Avvikelseplaner, Återlämning and Nycklar kvar pages have content.
// Everything goes through the API's use cases (or, for a case's creation and notes, the storage
// functions every creator uses), each stamped at an instant counted back from the seed's `now`.
import { randomUUID } from 'node:crypto';
import {
  findLocalDay,
  readRaiserOrganisation,
  type EmergencyCause,
  type SupportCaseCategory,
  type SupportCasePriority,
  type SupportCaseStatus,
} from '@portvakt/core';
import {
  addOnCallContact,
  assignEmergencyLocksmith,
  confirmEmergencyArrival,
  recordEmergencyStep,
  reportEmergencyOpening,
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
  updateUser,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { seedBackupKeys, seedDeviationPlans } from './seed-demo-keys';
import {
  daysAgo,
  logins,
  minutesAfter,
  readSetting,
  requestId,
  type LoginKey,
  type Setting,
} from './seed-demo-setting';

export const demoLocksmithCompanyName = 'Portvik Lås & Säkerhet';

/**
 * The demo sends no mail: the on-call contacts have phone numbers only, so assigning a locksmith
 * never calls this; if it ever did, the assignment's timeline says the mail could not be sent.
 */
const noMail: Mailer = {
  isDelivering: false,
  send: () => Promise.reject(new Error('seed-demo sends no mail')),
};

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
        organisation_number: '556712-3459',
        contact_email: 'jour@portviklas.example.se',
        contact_phone: '08-555 123 00',
        is_emergency_contracted: true,
      },
    ]);
    await updateUser(client, municipalityId, actors.installer.id, { locksmithCompanyId: id });
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
            municipalityId,
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

const emergencyDescriptions = [
  'Låset reagerar inte på nyckeln.',
  'Appen hittar inte låset.',
  'Låset piper men öppnar inte.',
  'Telefonen säger att nyckeln saknas.',
];

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
        description: emergencyDescriptions[index % emergencyDescriptions.length],
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
