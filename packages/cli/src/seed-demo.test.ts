import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildPermissionIndex,
  checkAccessPath,
  checkRegistryRules,
  mayOpen,
  readSupportHoursStatus,
  readSupportSettings,
  roles,
  sharedDoorKinds,
  type Resource,
} from '@portvakt/core';
import { hashPassword, judgeReadiness, verifyPassword } from '@portvakt/server';
import { loadPermissionFacts, readReadinessSnapshot } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from './seed-demo-data';
import { demoMunicipality, demoPassword, seedDemo, type SeedDemoResult } from './seed-demo';

// The demo is seeded as if at this instant, and every check reads the data as of then (never the
// database's or the test machine's today), so the suite passes on any date.
const seededAt = new Date('2026-11-20T12:00:00Z');
const seededDay = '2026-11-20';
const seededOn = `'${seededDay}'::date`;
const seededAtSql = `'${seededAt.toISOString()}'::timestamptz`;
let db: TestDatabase;
let first: SeedDemoResult;
const progress: Array<[number, number, string]> = [];

beforeAll(async () => {
  db = await createTestDatabase();
  first = await seedDemo(db.pool, {
    now: seededAt,
    onProgress: (done, total, label) => progress.push([done, total, label]),
  });
});
afterAll(async () => db.drop());

async function rows<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await db.pool.query(sql, values)).rows as T[];
}

async function count(sql: string): Promise<number> {
  const [row] = await rows<{ n: number }>(sql);
  return Number(row!.n);
}

describe('seed-demo on an empty database', () => {
  it('creates one demo municipality of the documented size', async () => {
    expect(first.isNew).toBe(true);
    const [municipality] = await rows<{ id: string; name: string }>(
      'SELECT id, name FROM municipality WHERE code = $1',
      [demoMunicipality.code],
    );
    expect(municipality).toEqual({ id: first.municipalityId, name: demoMunicipality.name });
    const c = first.counts;
    expect(c.districts).toBe(3);
    expect(c.properties).toBeGreaterThanOrEqual(35);
    expect(c.properties).toBeLessThanOrEqual(45);
    expect(c.propertyOwners).toBeGreaterThanOrEqual(4);
    expect(c.entrances).toBeGreaterThanOrEqual(50);
    expect(c.entrances).toBeLessThanOrEqual(70);
    expect(c.customers).toBeGreaterThanOrEqual(280);
    expect(c.customers).toBeLessThanOrEqual(320);
    expect(c.providers).toBe(4);
    expect(c.teams).toBeGreaterThanOrEqual(10);
    expect(c.teams).toBeLessThanOrEqual(14);
    expect(c.staffMembers).toBeGreaterThanOrEqual(110);
    expect(c.staffMembers).toBeLessThanOrEqual(130);
    expect(c.sharedRoomDoors).toBeGreaterThan(0);
    expect(c.keySafesAndTubes).toBeGreaterThan(0);
  });

  it('gives every district a rollout start quarter', async () => {
    expect(await count('SELECT count(*) AS n FROM district WHERE rollout_start_quarter IS NULL')).toBe(0);
  });

  it('gives every property an owner with contact details and one to three entrances', async () => {
    expect(await count('SELECT count(*) AS n FROM property WHERE owner_id IS NULL')).toBe(0);
    expect(
      await count(
        'SELECT count(*) AS n FROM property_owner WHERE contact_email IS NULL OR contact_phone IS NULL',
      ),
    ).toBe(0);
    const perProperty = await rows<{ n: number }>(
      "SELECT count(d.id) AS n FROM property p LEFT JOIN door d ON d.property_id = p.id AND d.kind = 'entrance' GROUP BY p.id",
    );
    for (const { n } of perProperty) expect(Number(n)).toBeGreaterThanOrEqual(1);
    for (const { n } of perProperty) expect(Number(n)).toBeLessThanOrEqual(3);
  });

  it('places every property near Stockholm, for battery rounds in visiting order', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM property WHERE latitude NOT BETWEEN 59.3 AND 59.6 OR longitude NOT BETWEEN 18.0 AND 18.5 OR latitude IS NULL',
      ),
    ).toBe(0);
  });

  it('includes a night patrol and an alarm patrol among the providers', async () => {
    const kinds = (await rows<{ kinds: string[] }>('SELECT kinds FROM provider')).flatMap((row) => row.kinds);
    expect(kinds).toContain('night_patrol');
    expect(kinds).toContain('alarm_patrol');
    expect(kinds).toContain('home_health_care');
  });

  it('puts an installed lock of a fitting type on every door of every access path', async () => {
    const unlocked = await count(
      `SELECT count(*) AS n FROM access_path_step s
       WHERE NOT EXISTS (SELECT 1 FROM lock_device l WHERE l.door_id = s.door_id AND l.status = 'installed')`,
    );
    expect(unlocked).toBe(0);
    const mismatched = await count(
      `SELECT count(*) AS n FROM lock_device l JOIN door d ON d.id = l.door_id
       WHERE (d.kind IN ('key_safe', 'key_tube') AND l.lock_type <> d.kind)
          OR (d.kind NOT IN ('key_safe', 'key_tube') AND l.lock_type NOT IN ('cylinder_ring', 'inside_unit'))`,
    );
    expect(mismatched).toBe(0);
  });

  it('keeps spare, faulty and low-battery locks in the inventory', async () => {
    expect(await count("SELECT count(*) AS n FROM lock_device WHERE status = 'in_stock'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM lock_device WHERE status = 'faulty'")).toBeGreaterThan(0);
    const low = await count(
      "SELECT count(*) AS n FROM lock_device WHERE status = 'installed' AND battery_level < 15",
    );
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(20);
  });

  it('gives every customer who accepted a lock a path from the entrance to their own door', async () => {
    const paths = await rows<{
      customerId: string;
      doors: Array<{ id: string; kind: string }>;
      apartmentDoorId: string;
    }>(
      `SELECT c.id AS "customerId", c.apartment_door_id AS "apartmentDoorId",
              coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind) ORDER BY s.position)
                FILTER (WHERE d.id IS NOT NULL), '[]') AS doors
       FROM customer c LEFT JOIN access_path_step s ON s.customer_id = c.id LEFT JOIN door d ON d.id = s.door_id
       WHERE NOT c.has_refused_lock GROUP BY c.municipality_id, c.id`,
    );
    expect(paths.length).toBeGreaterThan(250);
    for (const path of paths) {
      expect(path.doors[0]?.kind).toBe('entrance');
      expect(path.doors.at(-1)?.id).toBe(path.apartmentDoorId);
      expect(checkAccessPath(path.doors)).toEqual([]);
    }
  });

  it('leaves customers who refused a lock without a door or a path, but with their services', async () => {
    const refused = await rows<{
      id: string;
      apartment_door_id: string | null;
      steps: number;
      services: number;
    }>(
      `SELECT c.id, c.apartment_door_id,
              (SELECT count(*) FROM access_path_step s WHERE s.customer_id = c.id) AS steps,
              (SELECT count(*) FROM customer_service cs WHERE cs.customer_id = c.id) AS services
       FROM customer c WHERE c.has_refused_lock`,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(20);
    for (const customer of refused) {
      expect(customer.apartment_door_id).toBeNull();
      expect(Number(customer.steps)).toBe(0);
      expect(Number(customer.services)).toBeGreaterThan(0);
    }
  });

  it('mixes services: mostly home care, some safety-alarm only, some customers with two providers', async () => {
    const perCustomer = await rows<{ services: string[]; providers: number }>(
      `SELECT array_agg(DISTINCT cs.service) AS services, count(DISTINCT cs.provider_id) AS providers
       FROM customer_service cs WHERE cs.ends_on IS NULL OR cs.ends_on >= ${seededOn} GROUP BY cs.customer_id`,
    );
    const customers = first.counts.customers!;
    expect(perCustomer).toHaveLength(customers);
    const homeCare = perCustomer.filter((c) => c.services.includes('home_care')).length;
    const alarmOnly = perCustomer.filter(
      (c) => c.services.length === 1 && c.services[0] === 'safety_alarm',
    ).length;
    const twoProviders = perCustomer.filter((c) => Number(c.providers) >= 2).length;
    expect(homeCare).toBeGreaterThan(customers / 2);
    expect(alarmOnly).toBeGreaterThan(10);
    expect(twoProviders).toBeGreaterThan(20);
    const nightPatrolCustomers = await count(
      `SELECT count(DISTINCT cs.customer_id) AS n FROM customer_service cs JOIN provider p ON p.id = cs.provider_id
       WHERE 'night_patrol' = ANY(p.kinds)`,
    );
    expect(nightPatrolCustomers).toBeGreaterThan(0);
  });

  it('gives every staff member a team and a key of their own provider', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM staff_member m WHERE NOT EXISTS (SELECT 1 FROM team_membership t WHERE t.staff_member_id = m.id)',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT count(*) AS n FROM staff_member m WHERE NOT EXISTS (SELECT 1 FROM digital_key k WHERE k.holder_staff_member_id = m.id)',
      ),
    ).toBe(0);
    const keys = await rows<{ kind: string; status: string; status_reason: string | null }>(
      'SELECT kind, status, status_reason FROM digital_key WHERE holder_staff_member_id IS NOT NULL',
    );
    expect(keys.filter((k) => k.kind === 'phone').length).toBeGreaterThan(0);
    expect(keys.filter((k) => k.kind === 'hardware_key').length).toBeGreaterThan(keys.length / 2);
    const withdrawn = keys.filter((k) => k.status === 'blocked' || k.status === 'lost');
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const key of withdrawn) expect(key.status_reason).toBeTruthy();
  });

  it('registers keys as the rollout began or when their holder started, so past days have staff with keys', async () => {
    const keys = await rows<{ created_at: Date; employment_starts_on: string | null }>(
      `SELECT k.created_at, to_char(m.employment_starts_on, 'YYYY-MM-DD') AS employment_starts_on
         FROM digital_key k LEFT JOIN staff_member m ON m.id = k.holder_staff_member_id`,
    );
    for (const key of keys) {
      expect(key.created_at.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-10-01T00:00:00Z'));
      expect(key.created_at.getTime()).toBeLessThanOrEqual(seededAt.getTime());
      if (key.employment_starts_on)
        expect(key.created_at.toISOString().slice(0, 10) >= key.employment_starts_on).toBe(true);
    }
    // Half a year before seeding most staff already had their key (the rollout table's past days).
    const beforeSummer = keys.filter((key) => key.created_at < new Date('2026-05-20T00:00:00Z'));
    expect(beforeSummer.length).toBeGreaterThan(keys.length / 2);
  });

  it('stores no identity numbers and gives every staff member a random pseudonym', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM customer WHERE identity_number_encrypted IS NOT NULL OR identity_number_lookup IS NOT NULL',
      ),
    ).toBe(0);
    expect(
      await count(
        'SELECT count(*) AS n FROM staff_member WHERE identity_number_encrypted IS NOT NULL OR identity_number_lookup IS NOT NULL',
      ),
    ).toBe(0);
    const pseudonyms = await rows<{ pseudonym: string }>('SELECT pseudonym FROM staff_member');
    for (const { pseudonym } of pseudonyms) expect(pseudonym).toMatch(/^ps-[0-9a-f]{16}$/);
  });

  it('satisfies every registry rule of core for the seeded rows', async () => {
    const check = async (resource: Resource, sql: string) => {
      const found = await rows<{
        candidate: Record<string, unknown>;
        related: Record<string, Record<string, unknown>>;
      }>(sql);
      expect(found.length).toBeGreaterThan(0);
      const violations = found.flatMap(({ candidate, related }) =>
        checkRegistryRules(resource, candidate, related, seededDay).map((violation) => ({
          resource,
          candidate,
          violation,
        })),
      );
      expect(violations).toEqual([]);
    };
    await check(
      'lock_device',
      `SELECT json_build_object('lockType', l.lock_type, 'status', l.status, 'doorId', l.door_id) AS candidate,
              json_build_object('doorId', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('kind', d.kind) END) AS related
       FROM lock_device l LEFT JOIN door d ON d.id = l.door_id`,
    );
    await check(
      'team_membership',
      `SELECT json_build_object('teamId', tm.team_id, 'staffMemberId', tm.staff_member_id) AS candidate,
              json_build_object('teamId', json_build_object('providerId', t.provider_id),
                                'staffMemberId', json_build_object('providerId', s.provider_id)) AS related
       FROM team_membership tm JOIN team t ON t.id = tm.team_id JOIN staff_member s ON s.id = tm.staff_member_id`,
    );
    await check(
      'digital_key',
      `SELECT json_build_object('providerId', k.provider_id, 'holderStaffMemberId', k.holder_staff_member_id) AS candidate,
              json_build_object('holderStaffMemberId', CASE WHEN s.id IS NULL THEN NULL ELSE
                json_build_object('providerId', s.provider_id, 'employmentEndsOn', s.employment_ends_on::text) END) AS related
       FROM digital_key k LEFT JOIN staff_member s ON s.id = k.holder_staff_member_id`,
    );
    await check(
      'customer',
      `SELECT json_build_object('residencePropertyId', c.residence_property_id, 'apartmentDoorId', c.apartment_door_id) AS candidate,
              json_build_object('apartmentDoorId', CASE WHEN d.id IS NULL THEN NULL ELSE
                json_build_object('kind', d.kind, 'propertyId', d.property_id) END) AS related
       FROM customer c LEFT JOIN door d ON d.id = c.apartment_door_id`,
    );
    await check(
      'customer_service',
      `SELECT json_build_object('service', cs.service, 'providerId', cs.provider_id,
                                'startsOn', cs.starts_on::text, 'endsOn', cs.ends_on::text) AS candidate,
              json_build_object('providerId', json_build_object('kinds', p.kinds, 'name', p.name)) AS related
       FROM customer_service cs JOIN provider p ON p.id = cs.provider_id`,
    );
    await check(
      'staff_member',
      `SELECT json_build_object('employmentStartsOn', employment_starts_on::text,
                                'employmentEndsOn', employment_ends_on::text) AS candidate,
              '{}'::json AS related
       FROM staff_member`,
    );
  });

  it('assigns every customer to a team of each provider they have chosen, for their district', async () => {
    // Services of providers that reach customers by teams (not the alarm patrol's area rules).
    const missing = await rows(
      `SELECT cs.customer_id, p.name FROM customer_service cs JOIN provider p ON p.id = cs.provider_id
       WHERE NOT ('alarm_patrol' = ANY(p.kinds)) AND (cs.ends_on IS NULL OR cs.ends_on >= ${seededOn})
         AND NOT EXISTS (SELECT 1 FROM team_customer tc JOIN team t ON t.id = tc.team_id
                         WHERE tc.customer_id = cs.customer_id AND t.provider_id = cs.provider_id)`,
    );
    expect(missing).toEqual([]);
    expect(first.counts.teamCustomers).toBeGreaterThanOrEqual(first.counts.customers! * 0.8);
    expect(await count("SELECT count(*) AS n FROM team_customer WHERE granted_by <> 'seed-demo'")).toBe(0);
    // A district team only takes customers of its own district.
    expect(
      await count(
        `SELECT count(*) AS n FROM team_customer tc JOIN team t ON t.id = tc.team_id JOIN customer c ON c.id = tc.customer_id
         WHERE t.district_id IS NOT NULL AND t.district_id <> c.district_id`,
      ),
    ).toBe(0);
    // Nobody is assigned to a team of a provider they left.
    expect(
      await count(
        `SELECT count(*) AS n FROM team_customer tc JOIN team t ON t.id = tc.team_id
         WHERE NOT EXISTS (SELECT 1 FROM customer_service cs WHERE cs.customer_id = tc.customer_id
                           AND cs.provider_id = t.provider_id AND (cs.ends_on IS NULL OR cs.ends_on >= ${seededOn}))`,
      ),
    ).toBe(0);
  });

  it('starts team assignments, area rules and shared-door grants that begin on a day at that day’s local midnight', async () => {
    // From UTC's midnight they would read "02:00" in the console (01:00 in winter).
    for (const table of ['team_customer', 'area_rule', 'shared_door_grant'])
      expect(
        await count(
          `SELECT count(*) AS n FROM ${table}
           WHERE (valid_from AT TIME ZONE 'Europe/Stockholm')::time <> '00:00'`,
        ),
        table,
      ).toBe(0);
  });

  it('gives the alarm patrol area rules for every district and the night patrol its night hours', async () => {
    const rules = await rows<{ team: string; districts: number; service: string }>(
      `SELECT t.name AS team, count(DISTINCT a.district_id)::int AS districts, min(a.service) AS service
       FROM area_rule a JOIN team t ON t.id = a.team_id GROUP BY t.name ORDER BY t.name`,
    );
    expect(rules).toEqual([
      { team: 'Larmgrupp Dag', districts: 3, service: 'safety_alarm' },
      { team: 'Larmgrupp Natt', districts: 3, service: 'safety_alarm' },
    ]);
    const windows = await rows<{ name: string; kinds: string[]; service_windows: unknown }>(
      'SELECT name, kinds, service_windows FROM provider ORDER BY name',
    );
    for (const provider of windows) {
      expect(provider.service_windows).toEqual(
        provider.kinds.includes('night_patrol') ? { home_care: [{ from: '22:00', to: '07:00' }] } : {},
      );
    }
  });

  it('grants shared rooms explicitly and gives a few stand-ins temporary individual grants', async () => {
    const shared = await rows<{ kind: string }>(
      'SELECT d.kind FROM shared_door_grant g JOIN door d ON d.id = g.door_id',
    );
    expect(shared.length).toBeGreaterThanOrEqual(3);
    for (const { kind } of shared) expect(sharedDoorKinds).toContain(kind);
    const grants = await rows<{ reason: string; current: boolean }>(
      `SELECT reason, (valid_from <= ${seededAtSql} AND valid_until > ${seededAtSql}) AS current FROM access_grant`,
    );
    expect(grants.length).toBe(3);
    expect(grants.filter((grant) => grant.current).length).toBeGreaterThanOrEqual(1);
    for (const grant of grants) expect(grant.reason.length).toBeGreaterThan(3);
  });

  it('satisfies the permission rules of core for assignments and grants', async () => {
    const chosen = `json_build_object('ids', coalesce((SELECT json_agg(cs.provider_id) FROM customer_service cs
      WHERE cs.customer_id = X.customer_id AND (cs.ends_on IS NULL OR cs.ends_on >= ${seededOn})), '[]'::json))`;
    const check = async (resource: Resource, sql: string) => {
      const found = await rows<{ candidate: Record<string, unknown>; related: Record<string, never> }>(sql);
      expect(found.length).toBeGreaterThan(0);
      expect(
        found.flatMap(({ candidate, related }) =>
          checkRegistryRules(resource, candidate, related, seededDay),
        ),
      ).toEqual([]);
    };
    await check(
      'team_customer',
      `SELECT json_build_object('teamId', X.team_id, 'customerId', X.customer_id) AS candidate,
              json_build_object('teamId', json_build_object('providerId', t.provider_id),
                                'customerProviders', ${chosen}) AS related
       FROM team_customer X JOIN team t ON t.id = X.team_id`,
    );
    await check(
      'access_grant',
      `SELECT json_build_object('staffMemberId', X.staff_member_id, 'customerId', X.customer_id, 'doorId', X.door_id,
                                'validFrom', X.valid_from, 'validUntil', X.valid_until) AS candidate,
              json_build_object('staffMemberId', json_build_object('providerId', s.provider_id),
                                'customerProviders', ${chosen}) AS related
       FROM access_grant X JOIN staff_member s ON s.id = X.staff_member_id`,
    );
    await check(
      'shared_door_grant',
      `SELECT json_build_object('doorId', g.door_id, 'teamId', g.team_id, 'staffMemberId', g.staff_member_id) AS candidate,
              json_build_object('doorId', json_build_object('kind', d.kind)) AS related
       FROM shared_door_grant g JOIN door d ON d.id = g.door_id`,
    );
  });

  it('lets somebody open the home of nearly every customer with a lock and a provider', async () => {
    const { facts } = await loadPermissionFacts(db.pool, first.municipalityId);
    const index = buildPermissionIndex(facts);
    const homes = await rows<{ customer_id: string; lock_id: string; kinds: string[] }>(
      `SELECT c.id AS customer_id, l.id AS lock_id,
              array(SELECT DISTINCT p.kinds[1] FROM customer_service cs JOIN provider p ON p.id = cs.provider_id
                    WHERE cs.customer_id = c.id AND (cs.ends_on IS NULL OR cs.ends_on >= ${seededOn})) AS kinds
       FROM customer c JOIN lock_device l ON l.door_id = c.apartment_door_id AND l.status = 'installed'`,
    );
    // Noon that day: day home care, alarm patrols and home health care serve then (the night patrol does not).
    const noon = new Date(seededAt);
    noon.setUTCHours(11, 0, 0, 0);
    const midnight = new Date(noon.getTime() + 13 * 3600 * 1000);
    const staff = facts.staff.map((row) => row.id);
    const openable = (lockId: string, at: Date) => staff.some((id) => mayOpen(index, id, lockId, at));
    const served = homes.filter((home) => home.kinds.length > 0);
    expect(served.length).toBeGreaterThan(200);
    const open = served.filter((home) => openable(home.lock_id, noon));
    expect(open.length / served.length).toBeGreaterThan(0.95);
    // The night patrol opens for its customers at night (22–07) and never at noon.
    const nightProvider = facts.providers.find((provider) => provider.kinds.includes('night_patrol'))!;
    const nightStaff = facts.staff.filter((row) => row.providerId === nightProvider.id).map((row) => row.id);
    const nightHomes = served.filter((home) => home.kinds.includes('night_patrol'));
    expect(nightHomes.length).toBeGreaterThan(0);
    for (const home of nightHomes) {
      expect(nightStaff.some((id) => mayOpen(index, id, home.lock_id, midnight))).toBe(true);
      expect(nightStaff.some((id) => mayOpen(index, id, home.lock_id, noon))).toBe(false);
    }
  });

  it('keeps customers in the district of the property they live in', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM customer c JOIN property p ON p.id = c.residence_property_id WHERE p.district_id <> c.district_id',
      ),
    ).toBe(0);
  });

  it('creates one login per role, each verifying with the documented password', async () => {
    expect(new Set(first.logins.map((login) => login.role))).toEqual(new Set(roles));
    expect(first.logins.filter((login) => login.role === 'work_lead')).toHaveLength(2);
    expect(demoPassword.length).toBeGreaterThanOrEqual(12);
    for (const login of first.logins) {
      expect(login.password).toBe(demoPassword);
      const [user] = await rows<{ role: string; password_hash: string; municipality_id: string }>(
        'SELECT role, password_hash, municipality_id FROM user_account WHERE username = $1',
        [login.username],
      );
      expect(user?.role).toBe(login.role);
      expect(user?.municipality_id).toBe(first.municipalityId);
      expect(await verifyPassword(demoPassword, user!.password_hash)).toBe(true);
    }
  });

  it('binds the demo relative to one customer of the municipal provider, as a used invitation does', async () => {
    const bindings = await rows<{ provider: string; used_at: Date | null }>(
      `SELECT p.name AS provider, i.used_at FROM relative_invitation i
       JOIN user_account u ON u.id = i.user_id
       JOIN customer_service cs ON cs.customer_id = i.customer_id AND cs.ends_on IS NULL
       JOIN provider p ON p.id = cs.provider_id
       WHERE u.username = 'demo.anhorig'`,
    );
    expect(bindings.map((b) => b.provider)).toContain('Hemtjänsten Portvik (kommunal)');
    expect(bindings.every((b) => b.used_at !== null)).toBe(true);
  });

  it('gives the demo relative’s customer visits in the week before seeding, so the relative sees some', async () => {
    // The relative was bound to the first customer of the municipal provider, and the week's
    // events went to other customers: the relative's page said "no visits".
    const [relative] = await rows<{ n: number }>(
      `SELECT count(v.visit_id) AS n FROM relative_invitation i
       JOIN user_account u ON u.id = i.user_id
       JOIN visit v ON v.customer_id = i.customer_id AND v.superseded_at IS NULL
       WHERE u.username = 'demo.anhorig' AND v.arrival_at >= ${seededAtSql} - interval '7 days'`,
    );
    expect(Number(relative!.n)).toBeGreaterThan(0);
  });

  it('links the staff login to a staff member with an active key of the same provider', async () => {
    const [staff] = await rows<{ active: number }>(
      `SELECT count(k.id) AS active FROM user_account u
       JOIN staff_member s ON s.id = u.staff_member_id AND s.provider_id = u.provider_id
       JOIN digital_key k ON k.holder_staff_member_id = s.id AND k.status = 'active'
       WHERE u.username = 'demo.personal'`,
    );
    expect(Number(staff!.active)).toBeGreaterThan(0);
  });

  it('records the seeding as one audit entry from the cli', async () => {
    const entries = await rows<{ actor_label: string; entity_id: string; source: string }>(
      "SELECT actor_label, entity_id, source FROM audit_entry WHERE action = 'seed' AND entity = 'municipality'",
    );
    expect(entries).toEqual([{ actor_label: 'seed-demo', entity_id: first.municipalityId, source: 'cli' }]);
  });

  it('reports progress step by step up to the total', () => {
    const total = progress[0]![1];
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
    expect(progress.at(-1)).toEqual([total, total, 'done']);
  });
});

const supportCounts = `SELECT
    (SELECT count(*) FROM locksmith_company WHERE is_emergency_contracted)::int AS "contractedCompanies",
    (SELECT count(*) FROM locksmith_on_call_contact)::int AS "onCallContacts",
    (SELECT count(*) FROM support_case)::int AS "supportCases",
    (SELECT count(*) FROM support_case_note)::int AS "caseNotes",
    (SELECT count(*) FROM emergency_opening)::int AS emergencies,
    (SELECT count(*) FROM key_cabinet)::int AS cabinets,
    (SELECT count(*) FROM backup_key)::int AS "backupKeys",
    (SELECT count(*) FROM backup_key_receipt)::int AS receipts,
    (SELECT count(*) FROM key_cabinet_take)::int AS takes,
    (SELECT count(*) FROM deviation_plan)::int AS plans`;

describe('the demo’s support side (issue #13)', () => {
  it('has an emergency-contracted locksmith company with two on-call contacts and the installer in it', async () => {
    const [c] = await rows<Record<string, number>>(supportCounts);
    expect(c).toMatchObject({ contractedCompanies: 1, onCallContacts: 2 });
    const [installer] = await rows<{ company: string }>(
      `SELECT l.name AS company FROM user_account u JOIN locksmith_company l ON l.id = u.locksmith_company_id
       WHERE u.username = 'demo.montor'`,
    );
    expect(installer?.company).toBe('Portvik Lås & Säkerhet');
  });

  it('has ordinary support cases in several statuses, each with a timeline, worked by demo.support', async () => {
    const cases = await rows<{ status: string; category: string; notes: number; assignee: string | null }>(
      `SELECT c.status, c.category, (SELECT count(*) FROM support_case_note n WHERE n.support_case_id = c.id)::int AS notes,
         (SELECT username FROM user_account WHERE id = c.assigned_user_id) AS assignee
       FROM support_case c WHERE NOT c.is_emergency AND c.category <> 'cannot_get_in' AND c.title NOT LIKE 'Nyckel%'`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(new Set(cases.map((c) => c.status))).toEqual(
      new Set(['open', 'in_progress', 'waiting', 'resolved', 'closed']),
    );
    expect(new Set(cases.map((c) => c.category)).size).toBeGreaterThanOrEqual(4);
    for (const c of cases) expect(c.notes).toBeGreaterThanOrEqual(1);
    expect(cases.filter((c) => c.assignee === 'demo.support').length).toBeGreaterThanOrEqual(4);
  });

  it('files each case under its raiser’s organisation, so the raiser sees it again', async () => {
    // A property owner reads the cases of its own organisation only (support_case scope 'owner').
    const owners = await rows<{ title: string; isOwn: boolean }>(
      `SELECT c.title, c.property_owner_id IS NOT DISTINCT FROM u.property_owner_id AS "isOwn"
       FROM support_case c JOIN user_account u ON u.id = c.raised_by_user_id
       WHERE u.role = 'property_owner'`,
    );
    expect(owners.length).toBeGreaterThanOrEqual(1);
    for (const c of owners) expect(c).toEqual({ title: c.title, isOwn: true });
    expect(
      await count(`SELECT count(*) AS n FROM support_case c JOIN user_account u ON u.id = c.raised_by_user_id
        WHERE u.role IN ('work_lead', 'staff') AND c.provider_id IS DISTINCT FROM u.provider_id`),
    ).toBe(0);
  });

  it('has two months of emergencies: most within 60 minutes, two breaches, one still open', async () => {
    const emergencies = await rows<{ minutes: number | null; isClosed: boolean; daysAgo: number }>(
      `SELECT extract(epoch FROM on_site_at - assigned_at)::int / 60 AS minutes, closed_at IS NOT NULL AS "isClosed",
         extract(epoch FROM ${seededAtSql} - reported_at)::int / 86400 AS "daysAgo"
       FROM emergency_opening`,
    );
    expect(emergencies).toHaveLength(11);
    const closed = emergencies.filter((e) => e.isClosed);
    expect(closed).toHaveLength(10);
    expect(closed.filter((e) => e.minutes! <= 60)).toHaveLength(8);
    expect(closed.filter((e) => e.minutes! > 60)).toHaveLength(2);
    expect(emergencies.filter((e) => !e.isClosed && e.minutes === null)).toHaveLength(1);
    expect(Math.max(...emergencies.map((e) => e.daysAgo))).toBeLessThanOrEqual(60);
    // Each went through the arrival link, once.
    expect(await count('SELECT count(*) AS n FROM emergency_arrival_link WHERE used_at IS NOT NULL')).toBe(
      10,
    );
  });

  it('has a cabinet per home-care provider, keys in slots and in a safe with signed receipts, and two takes', async () => {
    const [c] = await rows<Record<string, number>>(supportCounts);
    expect(c).toMatchObject({ cabinets: 2, takes: 2 });
    const keys = await rows<{ status: string; place: string }>(
      `SELECT status, CASE WHEN key_cabinet_id IS NOT NULL THEN 'slot' ELSE 'safe' END AS place FROM backup_key`,
    );
    expect(keys.filter((k) => k.status === 'held' && k.place === 'slot')).toHaveLength(10);
    expect(keys.filter((k) => k.status === 'held' && k.place === 'safe')).toHaveLength(2);
    expect(keys.filter((k) => k.status === 'returned')).toHaveLength(5);
    expect(
      await count(`SELECT count(*) AS n FROM backup_key b WHERE NOT EXISTS
        (SELECT 1 FROM backup_key_receipt r WHERE r.backup_key_id = b.id AND r.kind = 'received')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM backup_key_receipt WHERE kind = 'returned'`)).toBe(5);
    // The take for a lock fault opened a support case of its own.
    expect(await count('SELECT count(*) AS n FROM key_cabinet_take WHERE support_case_id IS NOT NULL')).toBe(
      1,
    );
  });

  it('tells one story about the lock-fault take: the cabinet signed the take and return its case speaks of', async () => {
    const takes = await rows<{ slot: number; taken: boolean; returned: boolean; hasCase: boolean }>(
      `SELECT t.slot, t.taken_at IS NOT NULL AS taken, t.returned_at IS NOT NULL AS returned,
         t.support_case_id IS NOT NULL AS "hasCase"
       FROM key_cabinet_take t JOIN key_cabinet c ON c.id = t.key_cabinet_id
       WHERE c.name = 'Nyckelskåp Storgatan 12' ORDER BY t.slot`,
    );
    expect(takes).toEqual([
      { slot: 1, taken: false, returned: false, hasCase: false },
      { slot: 2, taken: true, returned: true, hasCase: true },
    ]);
    // The cabinet's page names a key by its tag, never by the customer: every key carries one.
    expect(await count('SELECT count(*) AS n FROM backup_key WHERE label IS NULL')).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM event_finding WHERE kind = 'unauthorised_cabinet_record'`),
    ).toBe(0);
  });

  it('returns keys over the months, so fewer are held now than five months ago', async () => {
    const held = async (day: string) =>
      count(`SELECT count(*) AS n FROM backup_key WHERE received_on <= '${day}'::date
        AND (returned_on IS NULL OR returned_on > '${day}'::date)`);
    expect(await held('2026-07-01')).toBe(17);
    expect(await held('2026-11-20')).toBe(12);
  });

  it('has one approved deviation plan in force and one pending, so some customers are ready and some not', async () => {
    const plans = await rows<{ provider: string; isApproved: boolean }>(
      `SELECT p.name AS provider, d.approved_at IS NOT NULL AS "isApproved"
       FROM deviation_plan d JOIN provider p ON p.id = d.provider_id ORDER BY p.name`,
    );
    expect(plans).toEqual([
      { provider: 'Hemtjänsten Portvik (kommunal)', isApproved: true },
      { provider: 'Omsorgshuset Portvik AB', isApproved: false },
    ]);
    const [municipality] = await rows<{ since: string }>(
      "SELECT settings->>'roundTheClockSupportSince' AS since FROM municipality",
    );
    expect(municipality!.since <= '2026-11-20').toBe(true);
    // Round the clock means cases can be raised at any hour: on the Sunday night after the seed's
    // day support is open, never closes, and has no next opening (the rule raising a case uses).
    const [stored] = await rows<{ settings: Record<string, unknown> }>('SELECT settings FROM municipality');
    expect(
      readSupportHoursStatus(readSupportSettings(stored!.settings), new Date('2026-11-22T22:00:00Z')),
    ).toMatchObject({
      isOpen: true,
      isRoundTheClock: true,
      nextOpening: null,
    });
    // As the readiness list judges it on the seed's day: both kinds among the customers with keys held.
    const scope = { kind: 'municipality', municipalityId: first.municipalityId } as const;
    const judged = judgeReadiness(
      await readReadinessSnapshot(db.pool, scope, { isHolding: true }, '2026-11-20'),
      scope,
      '2026-11-20',
    );
    expect(judged).toHaveLength(12);
    expect(judged.filter((customer) => customer.isReady).length).toBeGreaterThanOrEqual(1);
    expect(judged.filter((customer) => !customer.isReady).length).toBeGreaterThanOrEqual(4);
  });
});

describe('seed-demo on a database that already has the demo', () => {
  it('adds nothing and returns the same logins and counts', async () => {
    const second = await seedDemo(db.pool, { now: seededAt });
    expect(second.isNew).toBe(false);
    expect(second.municipalityId).toBe(first.municipalityId);
    expect(second.counts).toEqual(first.counts);
    expect(second.logins).toEqual(first.logins);
    expect(await count("SELECT count(*) AS n FROM audit_entry WHERE action = 'seed'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_entry WHERE action = 'reset_password'")).toBe(0);
  });

  it('adds the support side only once', async () => {
    const before = (await rows(supportCounts))[0];
    await seedDemo(db.pool, { now: seededAt });
    expect((await rows(supportCounts))[0]).toEqual(before);
  });

  it('puts a changed password back, re-enables a disabled login and audits both', async () => {
    await db.pool.query("UPDATE user_account SET password_hash = $1 WHERE username = 'demo.admin'", [
      await hashPassword('someone-changed-it'),
    ]);
    await db.pool.query("UPDATE user_account SET is_disabled = true WHERE username = 'demo.revisor'");
    const again = await seedDemo(db.pool, { now: seededAt });
    expect(again.isNew).toBe(false);
    const users = await rows<{ username: string; password_hash: string; is_disabled: boolean }>(
      "SELECT username, password_hash, is_disabled FROM user_account WHERE username IN ('demo.admin', 'demo.revisor')",
    );
    for (const user of users) {
      expect(user.is_disabled).toBe(false);
      expect(await verifyPassword(demoPassword, user.password_hash)).toBe(true);
    }
    const audited = await rows<{ username: string }>(
      "SELECT after->>'username' AS username FROM audit_entry WHERE action = 'reset_password' ORDER BY 1",
    );
    expect(audited.map((row) => row.username)).toEqual(['demo.admin', 'demo.revisor']);
  });
  it('adds the permission facts to a demo seeded before they existed, once', async () => {
    const facts = async () =>
      (
        await rows<Record<string, number>>(
          `SELECT (SELECT count(*) FROM team_customer)::int AS "teamCustomers",
                  (SELECT count(*) FROM area_rule)::int AS "areaRules",
                  (SELECT count(*) FROM shared_door_grant)::int AS "sharedDoorGrants",
                  (SELECT count(*) FROM access_grant)::int AS "accessGrants",
                  (SELECT count(*) FROM provider WHERE service_windows <> '{}'::jsonb)::int AS "providersWithHours"`,
        )
      )[0]!;
    const seeded = await facts();
    expect(seeded.teamCustomers).toBe(first.counts.teamCustomers);
    for (const name of ['team_customer', 'area_rule', 'shared_door_grant', 'access_grant'])
      await db.pool.query(`DELETE FROM ${name}`);
    await db.pool.query("UPDATE provider SET service_windows = '{}'::jsonb");
    const again = await seedDemo(db.pool, { now: seededAt });
    expect(again.isNew).toBe(false);
    expect(await facts()).toEqual(seeded);
    expect(again.counts).toEqual({ ...first.counts });
    const backfills = await rows<{ after: { backfilled: string } }>(
      "SELECT after FROM audit_entry WHERE action = 'seed' AND after ? 'backfilled'",
    );
    expect(backfills).toHaveLength(1);
    // And nothing more on the next run.
    await seedDemo(db.pool, { now: seededAt });
    expect(await facts()).toEqual(seeded);
    expect(
      await count("SELECT count(*) AS n FROM audit_entry WHERE action = 'seed' AND after ? 'backfilled'"),
    ).toBe(1);
  });
});

describe('seed-demo when something is in the way', () => {
  it('writes nothing at all when one insert fails', async () => {
    const other = await createTestDatabase();
    try {
      // A login name already taken by another municipality makes the last insert fail.
      const { rows: created } = await other.pool.query<{ id: string }>(
        "INSERT INTO municipality (code, name) VALUES ('0001', 'Annan kommun') RETURNING id",
      );
      await other.pool.query(
        "INSERT INTO user_account (municipality_id, username, display_name, password_hash, role) VALUES ($1, 'demo.admin', 'X', 'x', 'auditor')",
        [created[0]!.id],
      );
      await expect(seedDemo(other.pool, { now: seededAt })).rejects.toThrow(/duplicate key/);
      const { rows: left } = await other.pool.query<{
        municipalities: number;
        districts: number;
        audit: number;
      }>(
        `SELECT (SELECT count(*) FROM municipality) AS municipalities, (SELECT count(*) FROM district) AS districts,
                (SELECT count(*) FROM audit_entry) AS audit`,
      );
      expect(left[0]).toEqual({ municipalities: 1, districts: 0, audit: 0 });
    } finally {
      await other.drop();
    }
  });
});

describe('the demo data', () => {
  it('is the same on every build apart from ids and pseudonyms', () => {
    const strip = (world: ReturnType<typeof buildDemoWorld>) =>
      world.tables.map(({ table, rows }) => ({
        table,
        rows: rows.map((row) => ({
          serial: row.serial,
          name: row.name,
          label: row.label,
          given: row.given_name,
          family: row.family_name,
          designation: row.designation,
          battery: row.battery_level,
        })),
      }));
    const now = new Date('2026-11-23T10:00:00Z');
    expect(strip(buildDemoWorld(now))).toEqual(strip(buildDemoWorld(now)));
  });
});

describe('portvakt seed-demo --help', () => {
  // tsx compiles the whole command line from source first: over 20 s on a busy 2-core runner.
  it('describes the command and the demo password and exits 0', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'packages/cli/src/main.ts', 'seed-demo', '--help'],
      {
        cwd: root,
      },
    );
    expect(stdout).toContain('seed-demo');
    expect(stdout).toContain(demoPassword);
    expect(stdout).toContain(demoMunicipality.name);
  }, 120_000);
});
