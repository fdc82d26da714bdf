// The demo municipality as plain rows, built without touching the database. Everything that can
// be is drawn from one seeded PRNG, so every install shows the same people, doors and locks; only
// ids, staff pseudonyms (which must stay unguessable) and temporary grants (relative to today) vary.
import { randomBytes, randomUUID } from 'node:crypto';
import { computeLuhnCheckDigit, findStockholmDayStart, type Role } from '@portvakt/core';

export type Row = Record<string, unknown>;

export const demoMunicipality = { code: '9999', name: 'Portvik kommun' } as const;
export const demoPassword = 'demo-portvakt-2026';

/** Who the demo's permission facts were granted by (`granted_by`), as in the audit trail. */
const actorLabel = 'seed-demo';

/** mulberry32: tiny, fast and good enough to make believable data reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries.at(-1)![0];
  }
  /** An ISO date between two ISO dates, both included. */
  date(from: string, to: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
    return new Date(start + this.int(0, days) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Swedish organisation number with a valid Luhn check digit, e.g. 556677-8899. */
function formatOrganisationNumber(nineDigits: string): string {
  return `${nineDigits.slice(0, 6)}-${nineDigits.slice(6)}${computeLuhnCheckDigit(nineDigits)}`;
}

// Numbers PTS reserves for fiction (08-465 004 00–99, 070-174 06 05–99): nobody real gets called.
const fictionLandline = (n: number) => `08-465 004 ${String(n).padStart(2, '0')}`;
const fictionMobile = (n: number) => `070-174 06 ${String(n).padStart(2, '0')}`;

/** Splits a whitespace-separated list; keeps long name lists readable. */
const words = (list: string): readonly string[] => list.trim().split(/\s+/);

const femaleElderNames = words(`
  Margareta Birgitta Kerstin Ingrid Marianne Gunilla Ulla Barbro Inger Britt Karin Anna-Lisa
  Maj-Britt Elsa Astrid Gunnel Siv Solveig Ingegerd Märta Greta Sonja Gerd Ruth Vera Aina Berit
  Elisabeth Gun Majvor Raili Pirjo Mirjana Eleni Jadwiga Fatima Ulla-Britt Eivor Dagny Alice
`);
const maleElderNames = words(`
  Lars Karl Erik Bengt Sven Bo Gunnar Rolf Kjell Lennart Ove Göran Stig Åke Nils Hans Leif Olle
  Arne Curt Sten Bertil Ingvar Gösta Torsten Evert Rune Yngve Tage Kurt Seppo Dragan Tadeusz
  Georgios Hassan
`);
const familyNames = words(`
  Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
  Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström
  Olofsson Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson
  Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson
  Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist
  Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson
  Virtanen Korhonen Petrović Kowalski Papadopoulos Yilmaz Ahmed
`);
const staffGivenNames = words(`
  Amina Fatima Sara Emma Maria Hanna Elin Johanna Linnea Sofia Aisha Hodan Nasra Leyla Mariam
  Rebecka Ida Ahmed Mohamed Ali Omar Yusuf Daniel Johan Erik Marcus Jonas Mikael Ibrahim Hamid
  Tesfaye Selam Meron Ewa Agnieszka Olena Camila Lucía Carlos Minh Dragana Ana Elif Zeynep Hiba
  Rania Filip Nora Alva Oscar
`);
const staffFamilyNames = words(`
  Abdi Hassan Mohamud Warsame Ahmadi Haidari Rahimi Tesfay Gebremedhin Nguyen Tran Kowalczyk
  Wiśniewska Kovačević Öztürk Kaya Silva Rodríguez Andersson Johansson Karlsson Nilsson Eriksson
  Larsson Svensson Lindberg Holm Ek Åberg Sundberg Hedlund Strand Moberg Falk Ali Yousef Mendoza
  Bah Jallow Diallo
`);

interface DistrictPlan {
  code: string;
  name: string;
  rolloutStartQuarter: string;
  /** Locks in this district went up from here on. */
  installFrom: string;
  postalPrefix: string;
  streets: readonly string[];
  tracts: readonly string[];
  /** WGS 84 latitude and longitude the district's properties lie around (north-east of Stockholm). */
  centre: readonly [number, number];
}

/** Coordinates to six decimals (about 10 cm), as a map would give them. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const districtPlans: readonly DistrictPlan[] = [
  {
    code: 'CEN',
    name: 'Portvik centrum',
    rolloutStartQuarter: '2025-Q4',
    installFrom: '2025-10-06',
    postalPrefix: '184 3',
    centre: [59.4795, 18.3035],
    streets: ['Storgatan', 'Kyrkogatan', 'Torggatan', 'Hamngatan', 'Stationsvägen', 'Skolgatan'],
    tracts: ['Smeden', 'Bagaren', 'Skomakaren', 'Garvaren', 'Kopparslagaren', 'Sadelmakaren'],
  },
  {
    code: 'NOR',
    name: 'Norrviken–Ekbacken',
    rolloutStartQuarter: '2026-Q1',
    installFrom: '2026-01-12',
    postalPrefix: '184 4',
    centre: [59.4935, 18.2885],
    streets: ['Ekbacksvägen', 'Björkvägen', 'Lärkstigen', 'Norrviksvägen', 'Tallåsvägen'],
    tracts: ['Eken', 'Björken', 'Rönnen', 'Linden', 'Hasseln'],
  },
  {
    code: 'SOD',
    name: 'Söderhamnen',
    rolloutStartQuarter: '2026-Q3',
    installFrom: '2026-07-06',
    postalPrefix: '184 5',
    centre: [59.4705, 18.3205],
    streets: ['Sjöstadsgatan', 'Varvsgatan', 'Kajvägen', 'Båtsmansgatan', 'Fyrvägen'],
    tracts: ['Ankaret', 'Kompassen', 'Skeppet', 'Masten', 'Seglet'],
  },
];

interface OwnerPlan {
  key: string;
  name: string;
  organisationPrefix: string;
  contactName: string;
  contactEmail: string;
  /** Properties per district code; a tract pins a BRF to its own block. */
  properties: Partial<Record<string, number>>;
  tract?: string;
  isSeniorHousing?: boolean;
}

const ownerPlans: readonly OwnerPlan[] = [
  {
    key: 'portviksbostader',
    name: 'Portviksbostäder AB',
    organisationPrefix: '55671',
    contactName: 'Maria Ekström',
    contactEmail: 'fastighet@portviksbostader.se',
    properties: { CEN: 6, NOR: 5, SOD: 3 },
  },
  {
    key: 'nordvik',
    name: 'Nordvik Bostad AB',
    organisationPrefix: '55682',
    contactName: 'Sara Lindgren',
    contactEmail: 'forvaltning@nordvikbostad.se',
    properties: { CEN: 3, NOR: 4 },
  },
  {
    key: 'hamnkvarteren',
    name: 'Fastighets AB Hamnkvarteren',
    organisationPrefix: '55693',
    contactName: 'Johan Berglund',
    contactEmail: 'info@hamnkvarteren.se',
    properties: { SOD: 6, CEN: 1 },
  },
  {
    key: 'seniorbostader',
    name: 'Stiftelsen Portviks Seniorbostäder',
    organisationPrefix: '80240',
    contactName: 'Per Holmqvist',
    contactEmail: 'per.holmqvist@portvikseniorbostader.se',
    properties: { CEN: 2, NOR: 2, SOD: 1 },
    isSeniorHousing: true,
  },
  {
    key: 'brf-kopparslagaren',
    name: 'Brf Kopparslagaren',
    organisationPrefix: '76960',
    contactName: 'Eva Sjöberg (ordförande)',
    contactEmail: 'styrelsen@brfkopparslagaren.se',
    properties: { CEN: 3 },
    tract: 'Kopparslagaren',
  },
  {
    key: 'brf-ekbacken',
    name: 'Brf Ekbacken',
    organisationPrefix: '76961',
    contactName: 'Kjell Nyström (ordförande)',
    contactEmail: 'styrelsen@brfekbacken.se',
    properties: { NOR: 2 },
    tract: 'Eken',
  },
  {
    key: 'brf-seglet',
    name: 'Brf Seglet',
    organisationPrefix: '76962',
    contactName: 'Annika Holm (ordförande)',
    contactEmail: 'styrelsen@brfseglet.se',
    properties: { SOD: 2 },
    tract: 'Seglet',
  },
];

interface ProviderPlan {
  key: 'municipal' | 'omsorgshuset' | 'night' | 'alarm';
  name: string;
  ownership: 'municipal' | 'private';
  kinds: string[];
  organisationNumber: string;
  contactEmail: string;
  employeePrefix: string;
  staff: number;
  teams: ReadonlyArray<TeamPlan>;
  /** When the provider serves, local time; a service without windows is served around the clock. */
  serviceWindows?: Partial<Record<string, ReadonlyArray<{ from: string; to: string }>>>;
}

interface TeamPlan {
  name: string;
  district: string | null;
  area: string;
  /** Districts whose customers the team is assigned (default: its own district). */
  serves?: readonly string[];
  /** Streets of the district the team takes, when two teams share a district. */
  streets?: readonly string[];
  /** The service the team delivers (default home_care). */
  service?: string;
  /** Alarm patrols reach customers by an area rule per district rather than by assignment. */
  hasAreaRules?: boolean;
}

// Municipal providers are units of the municipality and share its organisation number.
const municipalOrganisationNumber = formatOrganisationNumber('212000999');

const providerPlans: readonly ProviderPlan[] = [
  {
    key: 'municipal',
    name: 'Hemtjänsten Portvik (kommunal)',
    ownership: 'municipal',
    kinds: ['day_home_care', 'home_health_care'],
    organisationNumber: municipalOrganisationNumber,
    contactEmail: 'hemtjansten@portvik.se',
    employeePrefix: 'HP',
    staff: 55,
    teams: [
      {
        name: 'Hemtjänst Centrum 1',
        district: 'CEN',
        area: 'Storgatan, Kyrkogatan, Torggatan',
        streets: ['Storgatan', 'Kyrkogatan', 'Torggatan'],
      },
      {
        name: 'Hemtjänst Centrum 2',
        district: 'CEN',
        area: 'Hamngatan, Stationsvägen, Skolgatan',
        streets: ['Hamngatan', 'Stationsvägen', 'Skolgatan'],
      },
      { name: 'Hemtjänst Norrviken', district: 'NOR', area: 'Norrviken och Ekbacken' },
      { name: 'Hemtjänst Söderhamnen', district: 'SOD', area: 'Söderhamnen' },
      {
        name: 'Hemsjukvården',
        district: null,
        area: 'Hela Portvik',
        serves: ['CEN', 'NOR', 'SOD'],
        service: 'home_health_care',
      },
    ],
  },
  {
    key: 'omsorgshuset',
    name: 'Omsorgshuset Portvik AB',
    ownership: 'private',
    kinds: ['day_home_care'],
    organisationNumber: formatOrganisationNumber('556745213'),
    contactEmail: 'kontakt@omsorgshuset.se',
    employeePrefix: 'OH',
    staff: 35,
    teams: [
      { name: 'Omsorgshuset Centrum', district: 'CEN', area: 'Portvik centrum' },
      { name: 'Omsorgshuset Norr', district: 'NOR', area: 'Norrviken och Ekbacken' },
      { name: 'Omsorgshuset Söder', district: 'SOD', area: 'Söderhamnen' },
    ],
  },
  {
    key: 'night',
    name: 'Nattpatrullen Portvik (kommunal)',
    ownership: 'municipal',
    kinds: ['night_patrol'],
    organisationNumber: municipalOrganisationNumber,
    contactEmail: 'nattpatrullen@portvik.se',
    employeePrefix: 'NP',
    staff: 15,
    teams: [
      {
        name: 'Nattpatrull Norra',
        district: null,
        area: 'Portvik centrum och Norrviken–Ekbacken, 21–07',
        serves: ['CEN', 'NOR'],
      },
      { name: 'Nattpatrull Södra', district: 'SOD', area: 'Söderhamnen, 21–07' },
    ],
    serviceWindows: { home_care: [{ from: '22:00', to: '07:00' }] },
  },
  {
    key: 'alarm',
    name: 'Trygghetsjouren Mälardalen AB',
    ownership: 'private',
    kinds: ['alarm_patrol'],
    organisationNumber: formatOrganisationNumber('559188420'),
    contactEmail: 'larm@trygghetsjouren.se',
    employeePrefix: 'TJ',
    staff: 15,
    teams: [
      { name: 'Larmgrupp Dag', district: null, area: 'Hela Portvik, 07–21', hasAreaRules: true },
      { name: 'Larmgrupp Natt', district: null, area: 'Hela Portvik, 21–07', hasAreaRules: true },
    ],
  },
];

export interface DemoLogin {
  role: Role;
  username: string;
  displayName: string;
  note: string;
  providerId: string | null;
  staffMemberId: string | null;
  propertyOwnerId: string | null;
  /** A relative's customer (docs/relatives.md): the account is bound to it as by a used invitation. */
  customerId?: string;
}

export interface DemoWorld {
  municipality: { id: string; code: string; name: string; settings: Record<string, unknown> };
  /** Rows per table, in an order that satisfies every foreign key. */
  tables: Array<{ table: string; label: string; rows: Row[] }>;
  logins: DemoLogin[];
  /**
   * Keys the demo blocks or reports lost. They are inserted active and then withdrawn through the
   * same blocking use case as the API, so they are on the block list and in the audit trail.
   */
  withdrawnKeys: Array<{ id: string; providerId: string; status: 'blocked' | 'lost'; statusReason: string }>;
}

const customerTarget = 300;
const demoSeed = 0x9999_2026;

/** Builds the whole demo municipality; `today` only places temporary grants around the present. */
/** Door codes that work only some hours (R2.6), as the demo's entrances have them. */
const doorCodePlans = [
  { note: 'Portkod 06–22', hours: [{ from: '06:00', to: '22:00' }] },
  { note: 'Portkod vardagar 07–19', hours: [{ from: '07:00', to: '19:00', days: [1, 2, 3, 4, 5] }] },
  { note: 'Portkod 05–23', hours: [{ from: '05:00', to: '23:00' }] },
] as const;

export function buildDemoWorld(today = new Date()): DemoWorld {
  const dice = new Dice(createRandom(demoSeed));
  const municipalityId = randomUUID();
  const base = () => ({ id: randomUUID(), municipality_id: municipalityId });

  const districts = districtPlans.map((plan) => ({
    ...base(),
    code: plan.code,
    name: plan.name,
    rollout_start_quarter: plan.rolloutStartQuarter,
  }));
  const districtByCode = new Map(districtPlans.map((plan, i) => [plan.code, districts[i]!]));

  const propertyOwners = ownerPlans.map((plan, i) => ({
    ...base(),
    name: plan.name,
    organisation_number: formatOrganisationNumber(`${plan.organisationPrefix}${dice.int(1000, 9999)}`),
    contact_name: plan.contactName,
    contact_email: plan.contactEmail,
    // BRF boards are volunteers reached on their own mobiles; companies have a switchboard.
    contact_phone: plan.tract ? fictionMobile(10 + i) : fictionLandline(10 + i),
  }));

  // Properties: each district's streets and blocks handed out to the owners that hold land there.
  const properties: Row[] = [];
  const propertyPlans: Array<{ row: Row; plan: DistrictPlan; owner: OwnerPlan }> = [];
  for (const plan of districtPlans) {
    const owners = ownerPlans.flatMap((owner) =>
      Array<OwnerPlan>(owner.properties[plan.code] ?? 0).fill(owner),
    );
    const tractNumbers = new Map<string, number>();
    const houseNumbers = new Map<string, number>();
    owners.forEach((owner, i) => {
      const tract = owner.tract ?? plan.tracts[i % plan.tracts.length]!;
      const blockNumber = (tractNumbers.get(tract) ?? dice.int(0, 3)) + 1;
      tractNumbers.set(tract, blockNumber);
      const street = plan.streets[i % plan.streets.length]!;
      const houseNumber = (houseNumbers.get(street) ?? dice.int(0, 4)) + dice.int(2, 6);
      houseNumbers.set(street, houseNumber);
      const row = {
        ...base(),
        district_id: districtByCode.get(plan.code)!.id,
        owner_id: propertyOwners[ownerPlans.indexOf(owner)]!.id,
        designation: `${tract} ${blockNumber}`,
        street_address: `${street} ${houseNumber}`,
        postal_code: `${plan.postalPrefix}${dice.int(0, 9)}`,
        city: 'Portvik',
        // Near the district's centre, one street a few hundred metres from the next, houses along
        // it: battery rounds get a visiting order (docs/batteries.md). No dice: the demo's other
        // random draws stay as they were.
        latitude: round6(plan.centre[0] + ((i % plan.streets.length) - 2) * 0.0035),
        longitude: round6(
          plan.centre[1] + (houseNumber - 8) * 0.0006 + Math.floor(i / plan.streets.length) * 0.002,
        ),
      };
      properties.push(row);
      propertyPlans.push({ row, plan, owner });
    });
  }

  const providers = providerPlans.map((plan, i) => ({
    ...base(),
    name: plan.name,
    organisation_number: plan.organisationNumber,
    ownership: plan.ownership,
    kinds: plan.kinds,
    contact_email: plan.contactEmail,
    contact_phone: fictionLandline(30 + i),
    service_windows: plan.serviceWindows ?? {},
  }));
  const providerByKey = new Map(providerPlans.map((plan, i) => [plan.key, providers[i]!]));
  const teams: Row[] = [];
  const teamsByProvider = new Map<string, Row[]>();
  providerPlans.forEach((plan, i) => {
    const own = plan.teams.map((team) => ({
      ...base(),
      provider_id: providers[i]!.id,
      district_id: team.district ? districtByCode.get(team.district)!.id : null,
      name: team.name,
      area: team.area,
    }));
    teams.push(...own);
    teamsByProvider.set(plan.key, own);
  });

  // Doors, customers and access paths, one property at a time.
  const doors: Row[] = [];
  const customers: Row[] = [];
  const customerServices: Row[] = [];
  const accessPathSteps: Row[] = [];
  const lockedDoors = new Set<string>();
  const doorDistrict = new Map<string, DistrictPlan>();
  const addDoor = (
    propertyId: string,
    plan: DistrictPlan,
    door: Omit<Row, 'id' | 'municipality_id' | 'property_id'>,
  ) => {
    const row = {
      ...base(),
      property_id: propertyId,
      floor: null,
      door_code_hours: null,
      opening_method: null,
      opening_hours: null,
      notes: null,
      ...door,
    };
    doors.push(row);
    doorDistrict.set(row.id, plan);
    return row;
  };

  // Senior housing holds far more customers per staircase than ordinary blocks.
  const propertyWeights = propertyPlans.map(
    ({ owner }) => (owner.isSeniorHousing ? 3 : 1) * (0.6 + dice.next()),
  );
  const customersPerProperty = propertyPlans.map(() => 0);
  for (let i = 0; i < customerTarget; i += 1) {
    customersPerProperty[dice.weighted(propertyWeights.map((weight, index) => [index, weight] as const))]! +=
      1;
  }

  const pickHomeCareProvider = () => (dice.chance(0.6) ? 'municipal' : 'omsorgshuset');
  const addService = (
    customerId: string,
    service: string,
    provider: ProviderPlan['key'],
    startsOn: string,
    endsOn: string | null = null,
  ) =>
    customerServices.push({
      ...base(),
      customer_id: customerId,
      service,
      provider_id: providerByKey.get(provider)!.id,
      starts_on: startsOn,
      ends_on: endsOn,
    });

  propertyPlans.forEach(({ row: property, plan, owner }, propertyIndex) => {
    const propertyId = property.id as string;
    const floors = owner.isSeniorHousing ? dice.int(4, 6) : dice.int(3, 8);
    const entranceCount = dice.weighted([
      [1, 0.62],
      [2, 0.32],
      [3, 0.06],
    ] as const);
    const entrance = (label: string, notes: string | null = null) => {
      // A door code that works only some hours (R2.6): the note, and the hours the rule reads.
      const code = dice.chance(0.25) ? dice.pick(doorCodePlans) : null;
      return addDoor(propertyId, plan, {
        kind: 'entrance',
        label,
        floor: 0,
        door_code_hours: code?.note ?? null,
        opening_method: code ? 'door_code' : null,
        opening_hours: code ? JSON.stringify(code.hours) : null,
        notes,
      });
    };
    // A staircase is the chain of entrances passed to reach it: courtyard buildings sit behind a gate.
    const perFloor = owner.isSeniorHousing ? 10 : 6;
    const apartmentsFrom = (firstPosition: number) =>
      Array.from(
        { length: floors * perFloor },
        (_, i) =>
          `${10 + Math.floor(i / perFloor)}${String(firstPosition + (i % perFloor)).padStart(2, '0')}`,
      );
    const staircases: Array<{ entrances: Row[]; freeApartments: string[] }> = [];
    const portA = entrance('Port A');
    staircases.push({ entrances: [portA], freeApartments: apartmentsFrom(1) });
    if (entranceCount >= 2) {
      const gate =
        entranceCount === 3
          ? entrance('Gårdsgrind', 'Grinden mot innergården, passeras före Port B')
          : undefined;
      const portB = entrance('Port B', dice.chance(0.2) ? 'Tung dörr, stängs långsamt' : null);
      staircases.push({
        entrances: gate ? [gate, portB] : [portB],
        freeApartments: apartmentsFrom(perFloor + 1),
      });
    }
    if (dice.chance(0.3)) addDoor(propertyId, plan, { kind: 'laundry_room', label: 'Tvättstuga', floor: -1 });
    if (dice.chance(0.2)) addDoor(propertyId, plan, { kind: 'waste_room', label: 'Soprum', floor: 0 });
    if (owner.isSeniorHousing) {
      addDoor(propertyId, plan, { kind: 'medicine_cabinet', label: 'Läkemedelsskåp personalrum', floor: 0 });
    }
    for (const door of doors.filter((d) => d.property_id === propertyId && d.kind !== 'entrance')) {
      lockedDoors.add(door.id as string);
    }

    let previous: { customer: Row; familyName: string; isFemale: boolean; path: string[] } | undefined;
    for (let n = 0; n < customersPerProperty[propertyIndex]!; n += 1) {
      const customerId = randomUUID();
      const isFemale = dice.chance(0.62);
      const givenName = dice.pick(isFemale ? femaleElderNames : maleElderNames);
      // A few couples share an apartment and so share its door and path.
      if (previous && !previous.customer.has_refused_lock && dice.chance(0.04)) {
        customers.push({
          ...previous.customer,
          id: customerId,
          given_name: dice.pick(previous.isFemale ? maleElderNames : femaleElderNames),
        });
        previous.path.forEach((doorId, position) =>
          accessPathSteps.push({
            municipality_id: municipalityId,
            customer_id: customerId,
            position,
            door_id: doorId,
          }),
        );
        addServices(customerId);
        previous = undefined;
        continue;
      }
      const familyName = dice.pick(familyNames);
      const staircase = dice.pick(staircases.filter((candidate) => candidate.freeApartments.length > 0));
      // Swedish apartment numbers: 10 + floor above the entrance level, then the position on the floor.
      const apartment = staircase.freeApartments.splice(
        dice.int(0, staircase.freeApartments.length - 1),
        1,
      )[0]!;
      const floor = Number(apartment.slice(0, 2)) - 10;
      const customer: Row = {
        id: customerId,
        municipality_id: municipalityId,
        district_id: property.district_id,
        given_name: givenName,
        family_name: familyName,
        residence_property_id: propertyId,
        apartment,
        apartment_door_id: null,
        has_refused_lock: false,
        refused_lock_note: null,
      };
      let path: string[] = [];
      if (dice.chance(0.035)) {
        customer.has_refused_lock = true;
        customer.refused_lock_note = dice.pick([
          'Avböjde digitalt lås vid hembesök; fysisk nyckel kvitterad av utföraren.',
          'Vill inte ha lås monterat på dörren. Nyckel i digitalt nyckelskåp.',
          'Anhörig har avböjt för kundens räkning; ny fråga vid uppföljning.',
        ]);
      } else {
        const home = dice.chance(0.05)
          ? dice.chance(0.5)
            ? addDoor(propertyId, plan, {
                kind: 'key_safe',
                label: `Nyckelgömma Lgh ${apartment}`,
                floor,
                notes: 'Glasdörr: cylinderring går inte att montera.',
              })
            : addDoor(propertyId, plan, {
                kind: 'key_tube',
                label: `Nyckelrör Lgh ${apartment}`,
                floor,
                notes: 'Magnetlåst lägenhetsdörr; nyckelrör monterat bredvid dörren.',
              })
          : addDoor(propertyId, plan, { kind: 'apartment_door', label: `Lgh ${apartment}`, floor });
        customer.apartment_door_id = home.id;
        path = [...staircase.entrances.map((door) => door.id as string), home.id];
        for (const doorId of path) lockedDoors.add(doorId);
        path.forEach((doorId, position) =>
          accessPathSteps.push({
            municipality_id: municipalityId,
            customer_id: customerId,
            position,
            door_id: doorId,
          }),
        );
      }
      customers.push(customer);
      addServices(customerId);
      previous = { customer, familyName, isFemale, path };
    }
  });

  // The mix a Stockholm-area district sees: mostly home care, many alarms, some with two providers.
  function addServices(customerId: string) {
    const startsOn = dice.date('2021-03-01', '2026-10-30');
    const mix = dice.weighted([
      ['home_care', 60],
      ['safety_alarm', 15],
      ['home_care+alarm', 10],
      ['day+night', 5],
      ['home_care+health', 7],
      ['switched_provider', 3],
    ] as const);
    const homeCare = pickHomeCareProvider();
    switch (mix) {
      case 'home_care':
        addService(customerId, 'home_care', homeCare, startsOn);
        break;
      case 'safety_alarm':
        addService(customerId, 'safety_alarm', 'alarm', startsOn);
        break;
      case 'home_care+alarm':
        addService(customerId, 'home_care', homeCare, startsOn);
        addService(customerId, 'safety_alarm', 'alarm', dice.date(startsOn, '2026-10-30'));
        break;
      case 'day+night':
        addService(customerId, 'home_care', homeCare, startsOn);
        addService(customerId, 'home_care', 'night', dice.date(startsOn, '2026-10-30'));
        break;
      case 'home_care+health':
        addService(customerId, 'home_care', homeCare, startsOn);
        addService(customerId, 'home_health_care', 'municipal', dice.date(startsOn, '2026-10-30'));
        break;
      case 'switched_provider': {
        // The customer chose another provider; the old grant ended and no longer opens doors (R3.2).
        const switchedOn = dice.date('2025-06-01', '2026-09-01');
        const endedOn = new Date(Date.parse(`${switchedOn}T00:00:00Z`) - 86_400_000)
          .toISOString()
          .slice(0, 10);
        addService(customerId, 'home_care', 'omsorgshuset', dice.date('2020-01-01', '2025-03-01'), endedOn);
        addService(customerId, 'home_care', 'municipal', switchedOn);
        break;
      }
    }
  }

  // Staff, their teams and their keys.
  const staffMembers: Row[] = [];
  const teamMemberships: Row[] = [];
  const digitalKeys: Row[] = [];
  const withdrawnKeys: DemoWorld['withdrawnKeys'] = [];
  const isoDay = (offsetDays: number) =>
    new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  // Keys were handed out as the rollout began (the first district's quarter), or when a person
  // started after that: the rollout table asked for a past day counts only keys registered by then.
  const firstKeyDay = '2025-10-01';
  const keyIssuedAt = (startsOn: string) => `${startsOn > firstKeyDay ? startsOn : firstKeyDay}T07:00:00Z`;
  const keySerials = { hardware_key: 0, phone: 0 };
  const nextKeySerial = (kind: 'hardware_key' | 'phone') => {
    keySerials[kind] += 1;
    return `PV-${kind === 'phone' ? 'PH' : 'HK'}-${String(keySerials[kind]).padStart(6, '0')}`;
  };
  const staffByProvider = new Map<string, Row[]>();
  for (const plan of providerPlans) {
    const provider = providerByKey.get(plan.key)!;
    const ownTeams = teamsByProvider.get(plan.key)!;
    const own: Row[] = [];
    for (let n = 0; n < plan.staff; n += 1) {
      const startsOn = dice.date('2012-08-01', '2026-09-30');
      const staff = {
        ...base(),
        provider_id: provider.id,
        given_name: dice.pick(staffGivenNames),
        family_name: dice.pick(staffFamilyNames),
        employee_number: `${plan.employeePrefix}-${1001 + n}`,
        pseudonym: `ps-${randomBytes(8).toString('hex')}`,
        employment_starts_on: startsOn,
        // Summer and holiday temps: employed until a few months from now.
        employment_ends_on: n > 0 && dice.chance(0.06) ? isoDay(dice.int(30, 150)) : null,
      };
      own.push(staff);
      const home = n === 0 ? ownTeams[0]! : dice.pick(ownTeams);
      teamMemberships.push({
        ...base(),
        team_id: home.id,
        staff_member_id: staff.id,
        valid_from: `${startsOn}T06:00:00Z`,
        valid_until: null,
      });
      if (ownTeams.length > 1 && dice.chance(0.15)) {
        const extra = dice.pick(ownTeams.filter((team) => team !== home));
        // Half of the second memberships are short loans to a busy team (R3.3), so they end soon.
        const isLoan = dice.chance(0.5);
        teamMemberships.push({
          ...base(),
          team_id: extra.id,
          staff_member_id: staff.id,
          valid_from: isLoan
            ? `${isoDay(-dice.int(3, 20))}T06:00:00Z`
            : `${dice.date(startsOn, '2026-10-30')}T06:00:00Z`,
          valid_until: isLoan ? `${isoDay(dice.int(7, 45))}T22:00:00Z` : null,
        });
      }
      const kind = n > 0 && dice.chance(0.25) ? 'phone' : 'hardware_key';
      const status =
        n === 0
          ? 'active'
          : dice.weighted([
              ['active', 96],
              ['blocked', 2.5],
              ['lost', 1.5],
            ] as const);
      const key = {
        ...base(),
        provider_id: provider.id,
        kind,
        serial: nextKeySerial(kind),
        holder_staff_member_id: staff.id,
        status: 'active',
        status_reason: null,
        created_at: keyIssuedAt(startsOn),
      };
      digitalKeys.push(key);
      if (status !== 'active')
        withdrawnKeys.push({
          id: key.id,
          providerId: provider.id,
          status,
          statusReason:
            status === 'blocked'
              ? kind === 'phone'
                ? 'Telefonen spärrad via MDM efter att den glömts i en bil.'
                : 'Låst efter för många felaktiga personliga koder.'
              : `Anmäld borttappad ${dice.date('2026-09-01', '2026-11-15')} av arbetsledningen.`,
        });
      // A lost key is blocked and the staff member gets a new one the same day.
      if (status === 'lost') {
        digitalKeys.push({
          ...base(),
          provider_id: provider.id,
          kind: 'hardware_key',
          serial: nextKeySerial('hardware_key'),
          holder_staff_member_id: staff.id,
          status: 'active',
          status_reason: null,
          // The same day the lost one is blocked, which is when the demo is seeded.
          created_at: today.toISOString(),
        });
      }
    }
    if (plan.key === 'municipal' || plan.key === 'omsorgshuset') {
      for (let n = 0; n < 2; n += 1) {
        digitalKeys.push({
          ...base(),
          provider_id: provider.id,
          kind: 'hardware_key',
          serial: nextKeySerial('hardware_key'),
          holder_staff_member_id: null,
          status: 'active',
          status_reason: 'Reservnyckel hos arbetsledningen, lämnas ut mot kvittens.',
          created_at: keyIssuedAt(firstKeyDay),
        });
      }
    }
    staffMembers.push(...own);
    staffByProvider.set(plan.key, own);
  }

  // Locks: one on every door a customer passes and on the shared rooms, plus stock and returns.
  const lockDevices: Row[] = [];
  const lockSerials = { cylinder_ring: 0, inside_unit: 0, key_safe: 0, key_tube: 0 };
  const serialPrefix = { cylinder_ring: 'CR', inside_unit: 'IU', key_safe: 'KS', key_tube: 'KT' } as const;
  const nextLockSerial = (type: keyof typeof lockSerials) => {
    lockSerials[type] += 1;
    return `PV-${serialPrefix[type]}-${String(lockSerials[type]).padStart(6, '0')}`;
  };
  const lastInstallDay = '2026-11-13';
  const installedCylinderDoors: Row[] = [];
  for (const door of doors) {
    if (!lockedDoors.has(door.id as string)) continue;
    const kind = door.kind as string;
    const type =
      kind === 'key_safe' || kind === 'key_tube'
        ? kind
        : dice.chance(kind === 'entrance' ? 0.2 : 0.12)
          ? 'inside_unit'
          : 'cylinder_ring';
    const district = doorDistrict.get(door.id as string)!;
    const installedOn = dice.date(district.installFrom, lastInstallDay);
    // Batteries last one to two years (R2.4): most are fine, a handful need changing soon.
    const battery = dice.chance(0.025)
      ? dice.int(5, 14)
      : dice.chance(0.12)
        ? dice.int(15, 35)
        : dice.int(36, 100);
    lockDevices.push({
      ...base(),
      lock_type: type,
      serial: nextLockSerial(type),
      firmware: dice.weighted([
        ['1.4.2', 85],
        ['1.4.1', 12],
        ['1.3.9', 3],
      ] as const),
      status: 'installed',
      door_id: door.id,
      battery_level: battery,
      installed_at: `${installedOn}T${String(dice.int(8, 15)).padStart(2, '0')}:${String(dice.int(0, 59)).padStart(2, '0')}:00Z`,
    });
    if (type === 'cylinder_ring') installedCylinderDoors.push(door);
  }
  const spare = (
    type: keyof typeof lockSerials,
    status: string,
    doorId: string | null,
    battery: number | null,
  ) =>
    lockDevices.push({
      ...base(),
      lock_type: type,
      serial: nextLockSerial(type),
      firmware: status === 'in_stock' ? '1.4.2' : '1.4.1',
      status,
      door_id: doorId,
      battery_level: battery,
      installed_at: null,
    });
  const stock: Array<keyof typeof lockSerials> = [
    ...Array<'cylinder_ring'>(16).fill('cylinder_ring'),
    ...Array<'inside_unit'>(4).fill('inside_unit'),
    'key_safe',
    'key_safe',
    'key_tube',
    'key_tube',
  ];
  for (const type of stock) spare(type, 'in_stock', null, 100);
  // Two taken down and replaced (they keep pointing at their door), one dead on delivery.
  spare('cylinder_ring', 'faulty', dice.pick(installedCylinderDoors).id as string, 0);
  spare('cylinder_ring', 'faulty', dice.pick(installedCylinderDoors).id as string, 12);
  spare('inside_unit', 'faulty', null, null);
  spare('cylinder_ring', 'removed', null, 64);
  spare('cylinder_ring', 'removed', null, 41);

  // Providers taken into use (R8.4): a week after the first lock on the customer's way in went
  // up; the newest locks (from mid-October) are mounted but not yet in use, so the rollout
  // dashboard shows both. No dice: everything drawn above stays as it was.
  const lockDayByDoor = new Map(
    lockDevices
      .filter((lock) => lock.status === 'installed')
      .map((lock) => [lock.door_id as string, (lock.installed_at as string).slice(0, 10)]),
  );
  const firstLockDay = new Map<string, string>();
  for (const step of accessPathSteps) {
    const day = lockDayByDoor.get(step.door_id as string);
    const customerId = step.customer_id as string;
    const known = firstLockDay.get(customerId);
    if (day && (!known || day < known)) firstLockDay.set(customerId, day);
  }
  const providerIntroductions = new Map<string, Row>();
  for (const service of customerServices) {
    const customerId = service.customer_id as string;
    const lockDay = firstLockDay.get(customerId);
    if (!lockDay || lockDay > '2026-10-15') continue;
    const from = [lockDay, service.starts_on as string].sort().at(-1)!;
    const introducedOn = new Date(Date.parse(`${from}T00:00:00Z`) + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const key = `${customerId}|${String(service.provider_id)}`;
    const known = providerIntroductions.get(key);
    if (known && (known.introduced_on as string) <= introducedOn) continue;
    providerIntroductions.set(key, {
      municipality_id: municipalityId,
      customer_id: customerId,
      provider_id: service.provider_id,
      introduced_on: introducedOn,
      recorded_by: 'demo',
    });
  }

  // Permission facts (R3, docs/permissions.md): without them nobody could open anything. Every
  // customer is assigned to the team of each chosen provider that covers their district (and
  // street, where two teams share a district); alarm patrols reach whole districts by area rules;
  // medicine cabinets are granted to the teams that use them; a few stand-ins hold individual
  // grants around today. Nothing here draws on the dice until the stand-ins, so everything above
  // stays exactly as it was.
  const todayIso = isoDay(0);
  const districtCodeById = new Map<string, string>(
    districts.map((row, i) => [row.id, districtPlans[i]!.code]),
  );
  const streetOfProperty = new Map(
    properties.map((row) => [row.id as string, String(row.street_address).replace(/\s+\S+$/, '')]),
  );
  const providerKeyById = new Map<string, ProviderPlan['key']>(
    providerPlans.map((plan) => [providerByKey.get(plan.key)!.id, plan.key]),
  );
  const teamPlanRows = providerPlans.flatMap((plan) =>
    plan.teams.map((team, i) => ({
      plan: team,
      row: teamsByProvider.get(plan.key)![i]!,
      provider: plan.key,
    })),
  );
  const findTeam = (provider: ProviderPlan['key'], service: string, districtCode: string, street: string) => {
    const covering = teamPlanRows.filter(
      (team) =>
        team.provider === provider &&
        !team.plan.hasAreaRules &&
        (team.plan.service ?? 'home_care') === service &&
        (team.plan.serves ?? (team.plan.district ? [team.plan.district] : [])).includes(districtCode),
    );
    return covering.find((team) => !team.plan.streets || team.plan.streets.includes(street)) ?? covering[0];
  };
  const customerById = new Map(customers.map((row) => [row.id as string, row]));
  const teamCustomers: Row[] = [];
  for (const service of customerServices) {
    // A service that has ended (the customer switched provider) leaves no assignment behind.
    if (service.ends_on && (service.ends_on as string) < todayIso) continue;
    const customer = customerById.get(service.customer_id as string)!;
    const team = findTeam(
      providerKeyById.get(service.provider_id as string)!,
      service.service as string,
      districtCodeById.get(customer.district_id as string)!,
      streetOfProperty.get(customer.residence_property_id as string) ?? '',
    );
    if (!team || teamCustomers.some((row) => row.team_id === team.row.id && row.customer_id === customer.id))
      continue;
    teamCustomers.push({
      ...base(),
      team_id: team.row.id,
      customer_id: customer.id,
      // From the local midnight the service starts on, not UTC's (shown as 01:00 or 02:00).
      valid_from: findStockholmDayStart(String(service.starts_on)).toISOString(),
      valid_until: null,
      reason: `Tilldelad ${team.plan.name} när insatsen började.`,
      granted_by: actorLabel,
    });
  }
  const areaRules: Row[] = teamPlanRows
    .filter((team) => team.plan.hasAreaRules)
    .flatMap((team) =>
      districts.map((district) => ({
        ...base(),
        team_id: team.row.id,
        district_id: district.id,
        service: 'safety_alarm',
        valid_from: findStockholmDayStart('2025-10-01').toISOString(),
        valid_until: null,
        granted_by: actorLabel,
      })),
    );
  const sharedDoorGrants: Row[] = [];
  for (const door of doors) {
    if (door.kind !== 'medicine_cabinet') continue;
    const districtCode = doorDistrict.get(door.id as string)!.code;
    const street = streetOfProperty.get(door.property_id as string) ?? '';
    for (const [service, reason] of [
      ['home_care', 'Hemtjänsten hämtar dosetter i läkemedelsskåpet.'],
      ['home_health_care', 'Hemsjukvården fyller på läkemedelsskåpet.'],
    ] as const) {
      const team = findTeam('municipal', service, districtCode, street);
      if (!team) continue;
      sharedDoorGrants.push({
        ...base(),
        door_id: door.id,
        team_id: team.row.id,
        staff_member_id: null,
        valid_from: findStockholmDayStart('2025-10-01').toISOString(),
        valid_until: null,
        reason,
        granted_by: actorLabel,
      });
    }
  }
  // Stand-ins of the municipal home care with a temporary grant to a customer outside their own
  // teams: two current, one that has ended (so the lists show every state).
  const membershipsOf = (staffId: unknown) =>
    new Set(teamMemberships.filter((row) => row.staff_member_id === staffId).map((row) => row.team_id));
  const standIns = staffByProvider
    .get('municipal')!
    .slice(1)
    .filter((row) => !row.employment_ends_on);
  const municipalAssignments = teamCustomers.filter((row) =>
    teamsByProvider.get('municipal')!.some((team) => team.id === row.team_id),
  );
  const accessGrants: Row[] = [];
  const grantPlans = [
    { from: -1, until: 2, reason: 'Vikarierar för ordinarie kontaktperson under semestern.' },
    { from: 0, until: 5, reason: 'Extra besök efter sjukhusvistelse; ordinarie team är fullt.' },
    { from: -12, until: -9, reason: 'Inskolning tillsammans med ordinarie personal.' },
  ];
  for (const plan of grantPlans) {
    const staff = dice.pick(standIns);
    const own = membershipsOf(staff.id);
    const candidates = municipalAssignments.filter(
      (row) =>
        !own.has(row.team_id) &&
        !customerById.get(row.customer_id as string)!.has_refused_lock &&
        !accessGrants.some((grant) => grant.customer_id === row.customer_id),
    );
    if (candidates.length === 0) continue;
    accessGrants.push({
      ...base(),
      staff_member_id: staff.id,
      customer_id: dice.pick(candidates).customer_id,
      door_id: null,
      valid_from: `${isoDay(plan.from)}T06:00:00Z`,
      valid_until: `${isoDay(plan.until)}T21:00:00Z`,
      reason: plan.reason,
      granted_by: actorLabel,
    });
  }

  const municipalStaff = staffByProvider.get('municipal')![0]!;
  // The relative's customer: the first with home care from the municipal provider, whose demo work
  // lead then sees the relative's reads.
  const municipalProviderId = providerByKey.get('municipal')!.id;
  const relativeCustomer = customerById.get(
    customerServices.find((s) => s.provider_id === municipalProviderId && s.ends_on === null)!
      .customer_id as string,
  )!;
  const logins: DemoLogin[] = [
    login(
      'municipality_admin',
      'demo.admin',
      'Anna Lindqvist',
      'Förvaltningen: everything in Portvik kommun',
    ),
    login('lock_manager', 'demo.lasansvarig', 'Peter Nyberg', 'Lock inventory, doors, properties and owners'),
    login('installer', 'demo.montor', 'Mats Hedlund (Portvik Lås & Säkerhet)', 'Installs and services locks'),
    login('work_lead', 'demo.arbetsledare', 'Lena Sundberg', `Work lead at ${providerPlans[0]!.name}`, {
      providerId: providerByKey.get('municipal')!.id,
    }),
    login(
      'work_lead',
      'demo.arbetsledare.omsorgshuset',
      'Karim Haddad',
      `Work lead at ${providerPlans[1]!.name}`,
      {
        providerId: providerByKey.get('omsorgshuset')!.id,
      },
    ),
    login(
      'staff',
      'demo.personal',
      `${String(municipalStaff.given_name)} ${String(municipalStaff.family_name)}`,
      `Staff member ${String(municipalStaff.employee_number)} in ${String(teamsByProvider.get('municipal')![0]!.name)}`,
      { providerId: providerByKey.get('municipal')!.id, staffMemberId: municipalStaff.id },
    ),
    login(
      'support',
      'demo.support',
      'Jonas Falk',
      'Kundtjänst: support cases, emergency openings and their SLA; reads the rest',
    ),
    login('auditor', 'demo.revisor', 'Birgitta Åberg', 'Reads the registry and the audit trail'),
    login(
      'property_owner',
      'demo.fastighetsagare',
      'Maria Ekström',
      `${ownerPlans[0]!.name}: entrances and shared rooms only`,
      {
        propertyOwnerId: propertyOwners[0]!.id,
      },
    ),
    {
      ...login(
        'relative',
        'demo.anhorig',
        `Eva ${String(relativeCustomer.family_name)}`,
        `Relative of ${String(relativeCustomer.given_name)} ${String(relativeCustomer.family_name)}: that customer's visit list only`,
      ),
      customerId: relativeCustomer.id as string,
    },
  ];

  return {
    municipality: {
      id: municipalityId,
      code: demoMunicipality.code,
      name: demoMunicipality.name,
      settings: { isDemo: true },
    },
    tables: [
      { table: 'district', label: 'districts', rows: districts },
      { table: 'property_owner', label: 'property owners', rows: propertyOwners },
      { table: 'property', label: 'properties', rows: properties },
      { table: 'door', label: 'doors', rows: doors },
      { table: 'provider', label: 'providers', rows: providers },
      { table: 'team', label: 'teams', rows: teams },
      { table: 'customer', label: 'customers', rows: customers },
      { table: 'customer_service', label: 'customer services', rows: customerServices },
      { table: 'access_path_step', label: 'access paths', rows: accessPathSteps },
      { table: 'staff_member', label: 'staff', rows: staffMembers },
      { table: 'team_membership', label: 'team memberships', rows: teamMemberships },
      { table: 'lock_device', label: 'locks', rows: lockDevices },
      {
        table: 'provider_introduction',
        label: 'provider introductions',
        rows: [...providerIntroductions.values()],
      },
      { table: 'digital_key', label: 'digital keys', rows: digitalKeys },
      { table: 'team_customer', label: 'team assignments', rows: teamCustomers },
      { table: 'area_rule', label: 'area rules', rows: areaRules },
      { table: 'shared_door_grant', label: 'shared-door grants', rows: sharedDoorGrants },
      { table: 'access_grant', label: 'individual grants', rows: accessGrants },
    ],
    logins,
    withdrawnKeys,
  };
}

function login(
  role: Role,
  username: string,
  displayName: string,
  note: string,
  links: { providerId?: unknown; staffMemberId?: unknown; propertyOwnerId?: unknown } = {},
): DemoLogin {
  return {
    role,
    username,
    displayName,
    note,
    providerId: (links.providerId as string | undefined) ?? null,
    staffMemberId: (links.staffMemberId as string | undefined) ?? null,
    propertyOwnerId: (links.propertyOwnerId as string | undefined) ?? null,
  };
}
