// A small but complete keyless world for API tests, built through the real API by an admin:
// two of everything, where "a" belongs to provider A / property owner O1 / staff member SA and
// "b" to provider B / O2 / SB, so every scope has something inside and something outside it.
import { roles, type Role } from '@portvakt/core';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from './testing';
import { readClock } from './context';

export interface Pair {
  a: string;
  b: string;
}

export interface World {
  district: Pair;
  propertyOwner: Pair;
  locksmithCompany: Pair;
  property: Pair;
  door: Pair & { apartmentA: string; apartmentB: string; laundryA: string; laundryB: string };
  provider: Pair;
  team: Pair;
  staffMember: Pair;
  teamMembership: Pair;
  customer: Pair;
  customerService: Pair;
  lockDevice: Pair & { apartmentA: string; inStock: string };
  digitalKey: Pair;
  teamCustomer: Pair;
  areaRule: Pair;
  accessGrant: Pair;
  sharedDoorGrant: Pair;
  /**
   * The server's clock (ms): the world's validity windows are placed against it, as the server
   * stamps a new grant's start from it; the wall clock unless the test fixed the server's.
   */
  now: () => number;
}

let counter = 0;
/** A value unique within the test run, for serials and names. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Creates a record through the API (`path` under /api/v1) and returns its id; throws unless 201. */
export async function createRecord(
  client: ApiClient,
  path: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await client.post(`/api/v1/${path}`, body);
  if (response.status !== 201)
    throw new Error(`create ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}

/**
 * A staff member of `providerId` with no grant, membership or key yet, for tests whose grants must
 * not overlap the world's own (a second overlapping grant of one staff member to one customer is
 * refused).
 */
export function createStaffMember(
  client: ApiClient,
  providerId: string,
  employmentStartsOn = '2026-01-01',
): Promise<string> {
  return createRecord(client, 'staff', {
    providerId,
    givenName: 'Vera',
    familyName: unique('Vikarie'),
    employmentStartsOn,
  });
}

/**
 * An instant `days` from now (negative: ago), as ISO. The server judges "now" by its clock (the
 * wall clock unless a test fixed it: `World.now`), so whatever the world needs current is placed
 * relative to that clock, never at a calendar date:
 * a fixed date is "future" only until the day it passes, and then tests fail by the calendar.
 */
export function daysFromNow(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString();
}

/** How long the world's current assignments last: current on any date a test run can span. */
const currentForDays = 5 * 365;
/** How long individual grants last: short, as grants are (R3.3). */
const grantForDays = 30;

/**
 * A validity window of its own, so that assignments of the same team and person made by several
 * tests never overlap (overlapping assignments are refused). Far beyond the world's own current
 * assignments, which end `currentForDays` from now.
 */
function ownWindow(now: number, days = 150): { validFrom: string; validUntil: string } {
  counter += 1;
  const from = currentForDays + 30 + counter * 200;
  return { validFrom: daysFromNow(from, now), validUntil: daysFromNow(from + days, now) };
}

/** A validity window as a service's days (its start day through its end day). */
function serviceDaysOf(window: { validFrom: string; validUntil: string }) {
  return { startsOn: window.validFrom.slice(0, 10), endsOn: window.validUntil.slice(0, 10) };
}

/** Valid create bodies per API path, on side a or b of a world. */
export function createBody(
  world: World,
  path: string,
  side: 'a' | 'b',
  options: { isExtra?: boolean } = {},
): Record<string, unknown> {
  // Extra assignments get a window of their own; the world's own ones are current.
  const now = world.now();
  const window = options.isExtra ? ownWindow(now) : {};
  switch (path) {
    case 'districts':
      return { code: unique('D'), name: unique('Distrikt') };
    case 'property-owners':
      return { name: unique('Bostadsbolaget'), contactEmail: 'fastighet@example.se' };
    case 'locksmith-companies':
      return { name: unique('Låsservice AB'), contactPhone: '08-123 456' };
    case 'properties':
      return {
        districtId: world.district[side],
        ownerId: world.propertyOwner[side],
        designation: unique('Sveaborg'),
        streetAddress: 'Storgatan 1',
      };
    case 'doors':
      return { propertyId: world.property[side], kind: 'entrance', label: unique('Port') };
    case 'providers':
      return { name: unique('Omsorg AB'), ownership: 'private', kinds: ['day_home_care'] };
    case 'teams':
      return { providerId: world.provider[side], name: unique('Team') };
    case 'staff':
      return {
        providerId: world.provider[side],
        givenName: 'Anna',
        familyName: unique('Svensson'),
        employmentStartsOn: '2026-01-01',
      };
    case 'team-memberships':
      return {
        teamId: world.team[side],
        staffMemberId: world.staffMember[side],
        validUntil: daysFromNow(currentForDays, now),
        ...window,
      };
    case 'customers':
      return { districtId: world.district[side], givenName: 'Karl', familyName: unique('Berg') };
    case 'customer-services':
      return {
        customerId: world.customer[side],
        service: 'home_care',
        providerId: world.provider[side],
        startsOn: '2026-01-01',
        // An extra one is another service for days of its own: the world's own service is open,
        // and the same service twice at once is already_assigned.
        ...(options.isExtra ? { service: 'safety_alarm', ...serviceDaysOf(ownWindow(now)) } : {}),
      };
    case 'locks':
      return { lockType: 'cylinder_ring', serial: unique('PV-CR') };
    case 'keys':
      return { providerId: world.provider[side], kind: 'hardware_key', serial: unique('PV-K') };
    case 'team-customers':
      return {
        teamId: world.team[side],
        customerId: world.customer[side],
        reason: 'Planering',
        validUntil: daysFromNow(currentForDays, now),
        ...window,
      };
    case 'area-rules':
      return { teamId: world.team[side], districtId: world.district[side] };
    case 'access-grants':
      return {
        staffMemberId: world.staffMember[side],
        customerId: world.customer[side],
        validUntil: daysFromNow(grantForDays, now),
        reason: 'Vikarie under semestern',
        // An extra one starts later: a grant that has begun is ended, not deleted.
        ...(options.isExtra ? ownWindow(now, grantForDays) : {}),
      };
    case 'shared-door-grants':
      return { doorId: side === 'a' ? world.door.laundryA : world.door.laundryB, teamId: world.team[side] };
    default:
      throw new Error(`no create body for ${path}`);
  }
}

/** A valid change per API path, to a record of the world. */
export function patchBody(path: string): Record<string, unknown> {
  return {
    districts: { name: unique('Nytt namn') },
    'property-owners': { contactName: 'Eva Ek' },
    'locksmith-companies': { contactEmail: 'jour@lassmed.example.se' },
    properties: { city: 'Portvik' },
    doors: { notes: 'Tung dörr' },
    providers: { contactPhone: '08-123 45 67' },
    teams: { area: 'Norr' },
    staff: { givenName: 'Annika' },
    // Changes keep the record current (one may not end it in the past) and stay before the extra
    // assignments' own windows.
    'team-memberships': { validUntil: daysFromNow(currentForDays + 1) },
    customers: { apartment: 'Lgh 1201' },
    'customer-services': { endsOn: daysFromNow(currentForDays).slice(0, 10) },
    locks: { firmware: '1.4.3' },
    keys: { statusReason: 'Ny hållare' },
    'team-customers': { reason: 'Ny planering' },
    'area-rules': { validUntil: daysFromNow(currentForDays + 1) },
    'access-grants': { reason: 'Förlängd vikarie' },
    'shared-door-grants': { reason: 'Tvättstugan' },
  }[path]!;
}

/** Builds the world as `admin` (a municipality admin of one municipality). */
export async function buildWorld(admin: ApiClient, now: () => number = Date.now): Promise<World> {
  const world = { now } as World;
  const both = async (path: string, make: (side: 'a' | 'b') => Record<string, unknown>): Promise<Pair> => ({
    a: await createRecord(admin, path, make('a')),
    b: await createRecord(admin, path, make('b')),
  });
  world.district = await both('districts', () => createBody(world, 'districts', 'a'));
  world.propertyOwner = await both('property-owners', () => createBody(world, 'property-owners', 'a'));
  world.locksmithCompany = await both('locksmith-companies', () =>
    createBody(world, 'locksmith-companies', 'a'),
  );
  world.property = await both('properties', (side) => createBody(world, 'properties', side));
  const doors = await both('doors', (side) => createBody(world, 'doors', side));
  const { a: apartmentA, b: apartmentB } = await both('doors', (side) => ({
    propertyId: world.property[side],
    kind: 'apartment_door',
    label: side === 'a' ? 'Lgh 1001' : 'Lgh 2001',
  }));
  const { a: laundryA, b: laundryB } = await both('doors', (side) => ({
    propertyId: world.property[side],
    kind: 'laundry_room',
    label: 'Tvättstuga',
  }));
  world.door = { ...doors, apartmentA, apartmentB, laundryA, laundryB };
  world.provider = {
    a: await createRecord(admin, 'providers', {
      name: unique('Hemtjänst A'),
      ownership: 'municipal',
      kinds: ['day_home_care', 'alarm_patrol'],
    }),
    b: await createRecord(admin, 'providers', {
      name: unique('Omsorg B'),
      ownership: 'private',
      kinds: ['day_home_care', 'night_patrol'],
    }),
  };
  world.team = await both('teams', (side) => createBody(world, 'teams', side));
  world.staffMember = await both('staff', (side) => createBody(world, 'staff', side));
  world.teamMembership = await both('team-memberships', (side) =>
    createBody(world, 'team-memberships', side),
  );
  world.customer = {
    a: await createRecord(admin, 'customers', {
      districtId: world.district.a,
      givenName: 'Karl',
      familyName: 'Berg',
      residencePropertyId: world.property.a,
      apartmentDoorId: apartmentA,
    }),
    b: await createRecord(admin, 'customers', {
      districtId: world.district.b,
      givenName: 'Greta',
      familyName: 'Lund',
      residencePropertyId: world.property.b,
      apartmentDoorId: apartmentB,
    }),
  };
  world.customerService = await both('customer-services', (side) =>
    createBody(world, 'customer-services', side),
  );
  for (const side of ['a', 'b'] as const) {
    const path = await admin.put(`/api/v1/customers/${world.customer[side]}/access-path`, {
      doorIds: [world.door[side], side === 'a' ? apartmentA : apartmentB],
    });
    if (path.status !== 200) throw new Error(`access path: ${JSON.stringify(path.body)}`);
  }
  const lock = (doorId: string) => ({
    lockType: 'cylinder_ring',
    serial: unique('PV-CR'),
    status: 'installed',
    doorId,
    batteryLevel: 80,
  });
  world.lockDevice = {
    a: await createRecord(admin, 'locks', lock(world.door.a)),
    b: await createRecord(admin, 'locks', lock(world.door.b)),
    apartmentA: await createRecord(admin, 'locks', lock(apartmentA)),
    inStock: await createRecord(admin, 'locks', { lockType: 'cylinder_ring', serial: unique('PV-CR') }),
  };
  world.digitalKey = {
    a: await createRecord(admin, 'keys', {
      providerId: world.provider.a,
      kind: 'hardware_key',
      serial: unique('PV-K'),
      holderStaffMemberId: world.staffMember.a,
    }),
    b: await createRecord(admin, 'keys', {
      providerId: world.provider.b,
      kind: 'phone',
      serial: unique('PV-P'),
      holderStaffMemberId: world.staffMember.b,
    }),
  };
  world.teamCustomer = await both('team-customers', (side) => createBody(world, 'team-customers', side));
  world.areaRule = await both('area-rules', (side) => createBody(world, 'area-rules', side));
  world.accessGrant = await both('access-grants', (side) => createBody(world, 'access-grants', side));
  world.sharedDoorGrant = await both('shared-door-grants', (side) =>
    createBody(world, 'shared-door-grants', side),
  );
  return world;
}

/**
 * The links of a user of `role` on the world's "a" side: work lead and staff of provider A (staff
 * as staff member SA), property owner O1; other roles have none.
 */
export function linksOfRole(world: World, role: Role): Parameters<typeof createUser>[3] {
  if (role === 'work_lead') return { providerId: world.provider.a };
  if (role === 'staff') return { providerId: world.provider.a, staffMemberId: world.staffMember.a };
  if (role === 'property_owner') return { propertyOwnerId: world.propertyOwner.a };
  return {};
}

/**
 * One logged-in client per role in the municipality, on the world's "a" side (`linksOfRole`); the
 * admin who built the world is reused as the municipality admin.
 */
export async function loginEveryRole(
  server: Pick<TestServer, 'url' | 'db'>,
  municipalityId: string,
  world: World,
  admin: ApiClient,
): Promise<Record<Role, ApiClient>> {
  const clients = { municipality_admin: admin } as Record<Role, ApiClient>;
  for (const role of roles.filter((r) => r !== 'municipality_admin'))
    clients[role] = await new ApiClient(server.url).login(
      await createUser(server.db.pool, municipalityId, role, linksOfRole(world, role)),
      testPassword,
    );
  return clients;
}

/** What a test user may be linked to (`createUser`'s last argument). */
export type UserLinks = Parameters<typeof createUser>[3];

/** A municipality of a test server with its municipality admin logged in. */
export interface TestMunicipality {
  municipalityId: string;
  /** The municipality admin, logged in as `admin`. */
  adminName: string;
  admin: ApiClient;
  /** Creates a user of `role` in this municipality (password `testPassword`) and returns its username. */
  createUser: (role: Role, links?: UserLinks) => Promise<string>;
  /** A client logged in as a new user of `role` in this municipality. */
  login: (role: Role, links?: UserLinks) => Promise<ApiClient>;
}

export interface MunicipalityOptions {
  /** The municipality's code where a test names it (default: random). */
  municipalityCode?: string;
  /** The municipality's name where a page shows it (default `Testkommun <code>`). */
  municipalityName?: string;
}

/** A new municipality on `server` and its admin, logged in. */
export async function addMunicipality(
  server: Pick<TestServer, 'url' | 'db'>,
  options: MunicipalityOptions = {},
): Promise<TestMunicipality> {
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool, options.municipalityCode, options.municipalityName);
  const createUserHere = (role: Role, links: UserLinks = {}) => createUser(pool, municipalityId, role, links);
  const login = async (role: Role, links: UserLinks = {}) =>
    new ApiClient(server.url).login(await createUserHere(role, links), testPassword);
  const adminName = await createUserHere('municipality_admin');
  const admin = await new ApiClient(server.url).login(adminName, testPassword);
  return { municipalityId, adminName, admin, createUser: createUserHere, login };
}

/** A new municipality on `server`, its admin logged in, and the world built by that admin. */
export async function addWorld(
  server: Pick<TestServer, 'url' | 'db' | 'context'>,
  options: MunicipalityOptions = {},
): Promise<TestMunicipality & { world: World }> {
  const municipality = await addMunicipality(server, options);
  return { ...municipality, world: await buildWorld(municipality.admin, serverClock(server)) };
}

/** The test server's clock in ms: its fixed one, or the wall clock. */
function serverClock(server: Pick<TestServer, 'context'>): () => number {
  return () => readClock(server.context).getTime();
}

export type TestWorldOptions = Parameters<typeof startTestServer>[0] & MunicipalityOptions;

/** A test server (started with `options`), a municipality and its admin logged in; no world. */
export async function startTestMunicipality(
  options: TestWorldOptions = {},
): Promise<TestMunicipality & { server: TestServer }> {
  const { municipalityCode, municipalityName, ...serverOptions } = options;
  const server = await startTestServer(serverOptions);
  return { server, ...(await addMunicipality(server, { municipalityCode, municipalityName })) };
}

export interface TestWorld extends TestMunicipality {
  server: TestServer;
  world: World;
}

/**
 * A test server (started with `options`), a municipality, its admin logged in and the world built:
 * the setup most API and browser tests share. Another municipality on the same server: `addWorld`
 * or `addMunicipality`.
 */
export async function startTestWorld(options: TestWorldOptions = {}): Promise<TestWorld> {
  const started = await startTestMunicipality(options);
  return { ...started, world: await buildWorld(started.admin, serverClock(started.server)) };
}

/**
 * A user with the username and display name a test needs (a long dotted username, a name a page
 * must show), made through the API by the municipality's admin and signed in.
 */
export async function signInNamedUser(
  tw: Pick<TestWorld, 'admin' | 'server'>,
  user: { username: string; displayName: string; role: Role; locksmithCompanyId?: string } & UserLinks,
): Promise<{ id: string; client: ApiClient }> {
  const made = await tw.admin.post('/api/v1/users', { ...user, password: testPassword });
  if (made.status !== 201) throw new Error(`creating ${user.username}: ${JSON.stringify(made.body)}`);
  const client = await new ApiClient(tw.server.url).login(user.username, testPassword);
  return { id: (made.body as { id: string }).id, client };
}
