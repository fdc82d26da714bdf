// Generates a district from a seed: areas on a grid, properties scattered around each area's
// centre, customers with their services, teams with premises and the locks their keys may open.
import type {
  Area,
  Customer,
  District,
  HomeCarePlan,
  LockSpec,
  Point,
  Property,
  StaffMember,
  Team,
} from './district';
import type { DistrictParameters } from './district-parameters';
import { SeededRandom } from './random';

/** Stockholm's districts, the names generated areas take (the load and permission benches use them too). */
export const stockholmDistrictNames = [
  'Rinkeby-Kista',
  'Spånga-Tensta',
  'Hässelby-Vällingby',
  'Bromma',
  'Kungsholmen',
  'Norrmalm',
  'Östermalm',
  'Södermalm',
  'Enskede-Årsta-Vantör',
  'Skarpnäck',
  'Farsta',
  'Hägersten-Älvsjö',
  'Skärholmen',
];
const streets = ['Storgatan', 'Kyrkvägen', 'Skolgatan', 'Parkvägen', 'Björkvägen', 'Ringvägen', 'Tallstigen'];
/** Given and family names of generated people (also the benches' Stockholm-scale worlds). */
export const stockholmGivenNames = [
  'Karl',
  'Greta',
  'Anna',
  'Erik',
  'Maja',
  'Lars',
  'Ingrid',
  'Olle',
  'Sven',
  'Elsa',
  'Nils',
];
export const stockholmFamilyNames = [
  'Berg',
  'Holm',
  'Lund',
  'Ek',
  'Dahl',
  'Strand',
  'Nyberg',
  'Lindqvist',
  'Sjöberg',
];

/** Visit templates by visits per day (minutes after midnight), before a per-customer shift. */
const dailyTemplates: number[][] = [
  [8 * 60],
  [8 * 60, 17 * 60 + 30],
  [8 * 60, 12 * 60, 17 * 60 + 30],
  [8 * 60, 12 * 60, 17 * 60 + 30, 21 * 60],
  [7 * 60 + 30, 10 * 60, 12 * 60 + 30, 17 * 60, 21 * 60],
];

export function generateDistrict(
  seed: number,
  parameters: DistrictParameters,
  municipality = 'se-0180',
): District {
  const random = new SeededRandom(seed);
  const areas = placeAreas(parameters);
  const properties: Property[] = [];
  const locks: LockSpec[] = [];
  const customers: Customer[] = [];
  const buildingsByArea = areas.map((): number[] => []);
  const addLock = (kind: LockSpec['kind'], property: number, customer?: number): number => {
    const number = locks.length + 1;
    // A few locks start nearly empty, so battery warnings and a replacement show within a day.
    const batteryPercent = random.isChance(0.02) ? random.int(2, 6) : random.int(20, 100);
    locks.push({ number, kind, property, batteryPercent, ...(customer === undefined ? {} : { customer }) });
    return number;
  };
  const addProperty = (area: number, isHouse: boolean): number => {
    const index = properties.length;
    const centre = areas[area]!.centre;
    const at = {
      x: Math.round(random.normal(centre.x, parameters.areaRadius / 2)),
      y: Math.round(random.normal(centre.y, parameters.areaRadius / 2)),
    };
    const property: Property = {
      id: `p-${String(index + 1).padStart(4, '0')}`,
      name: `${random.pick(streets)} ${random.int(1, 90)}`,
      area,
      at,
      entranceLocks: [],
    };
    properties.push(property);
    if (!isHouse) {
      const entrances = random.int(1, 3);
      for (let e = 0; e < entrances; e++) property.entranceLocks.push(addLock('entrance', index));
      buildingsByArea[area]!.push(index);
    }
    return index;
  };

  for (let c = 0; c < parameters.customers; c++) {
    const area = c % areas.length;
    const isHouse = random.isChance(parameters.houseShare);
    const buildings = buildingsByArea[area]!;
    const property =
      !isHouse && buildings.length > 0 && random.isChance(0.55)
        ? random.pick(buildings)
        : addProperty(area, isHouse);
    const entrances = properties[property]!.entranceLocks;
    const hasHomeCare = random.isChance(parameters.homeCareShare);
    const customer: Customer = {
      id: `c-${String(c + 1).padStart(4, '0')}`,
      name: `${random.pick(stockholmGivenNames)} ${random.pick(stockholmFamilyNames)}`,
      property,
      doorLock: 0,
      nightPatrolMinutes: [],
      hasSafetyAlarm: !hasHomeCare || random.isChance(parameters.safetyAlarmShare),
    };
    if (entrances.length > 0) customer.entranceLock = random.pick(entrances);
    customer.doorLock = addLock('door', property, c);
    if (hasHomeCare) customer.homeCare = planHomeCare(random, parameters);
    if (random.isChance(parameters.nightPatrolShare)) {
      const visits = random.int(1, 2);
      for (let v = 0; v < visits; v++) customer.nightPatrolMinutes.push(random.int(30, 7 * 60 + 30));
      customer.nightPatrolMinutes.sort((a, b) => a - b);
    }
    customers.push(customer);
  }

  const teams: Team[] = [];
  const staff: StaffMember[] = [];
  const addTeam = (kind: Team['kind'], name: string, base: Point, size: number): number => {
    const index = teams.length;
    // Stratified rather than drawn, so even a small district has both kinds.
    const share = parameters.phoneTeamShare;
    const holderKind = Math.floor((index + 1) * share) > Math.floor(index * share) ? 'phone' : 'key';
    const shifts: Team['shifts'] =
      kind === 'home-care'
        ? ['day', 'evening']
        : kind === 'night-patrol'
          ? ['night']
          : ['day', 'evening', 'night'];
    const team: Team = {
      id: `t-${index + 1}`,
      name,
      kind,
      base,
      holderKind,
      staff: [],
      customers: [],
      locks: [],
      shifts,
      dayGroup: 0,
    };
    teams.push(team);
    addStaff(index, size);
    return index;
  };
  const addStaff = (teamIndex: number, count: number): void => {
    for (let s = 0; s < count; s++) {
      const n = staff.length + 1;
      teams[teamIndex]!.staff.push(staff.length);
      staff.push({
        id: `s-${String(n).padStart(4, '0')}`,
        name: `${random.pick(stockholmGivenNames)} ${random.pick(stockholmFamilyNames)}`,
        team: teamIndex,
        pin: String(random.int(1000, 9999)),
        username: `staff${n}`,
        password: `demo-${random.int(100000, 999999)}`,
      });
    }
  };

  // Home-care teams: each area's customers go to the nearest of the area's team premises.
  areas.forEach((area, a) => {
    const bases: number[] = [];
    for (let t = 0; t < parameters.homeCareTeamsPerArea; t++) {
      const angle = (2 * Math.PI * t) / parameters.homeCareTeamsPerArea;
      const offset = parameters.homeCareTeamsPerArea === 1 ? 0 : parameters.areaRadius / 2;
      const base = {
        x: Math.round(area.centre.x + offset * Math.cos(angle)),
        y: Math.round(area.centre.y + offset * Math.sin(angle)),
      };
      bases.push(addTeam('home-care', `Hemtjänst ${area.name} ${t + 1}`, base, 0));
    }
    for (const [c, customer] of customers.entries()) {
      if (properties[customer.property]!.area !== a || !customer.homeCare) continue;
      const at = properties[customer.property]!.at;
      const nearest = bases.reduce((best, t) =>
        distance(teams[t]!.base, at) < distance(teams[best]!.base, at) ? t : best,
      );
      customer.homeCareTeam = nearest;
      teams[nearest]!.customers.push(c);
    }
  });
  // Night patrol and alarm teams cover contiguous blocks of areas.
  const coverTeams = (kind: 'night-patrol' | 'alarm', count: number, size: number, label: string): number[] =>
    Array.from({ length: count }, (_, t) => {
      const covered = areas.filter((_, a) => Math.floor((a * count) / areas.length) === t);
      const base = centroid(covered.map((area) => area.centre));
      return addTeam(kind, `${label} ${t + 1}`, base, size);
    });
  const nightTeams = coverTeams('night-patrol', parameters.nightTeams, 0, 'Nattpatrull');
  const alarmTeams = coverTeams('alarm', parameters.alarmTeams, parameters.staffPerAlarmTeam, 'Larmpatrull');
  for (const [c, customer] of customers.entries()) {
    const area = properties[customer.property]!.area;
    if (customer.nightPatrolMinutes.length > 0) {
      customer.nightTeam = nightTeams[Math.floor((area * nightTeams.length) / areas.length)]!;
      teams[customer.nightTeam]!.customers.push(c);
    }
    if (customer.hasSafetyAlarm) {
      customer.alarmTeam = alarmTeams[Math.floor((area * alarmTeams.length) / areas.length)]!;
      teams[customer.alarmTeam]!.customers.push(c);
    }
  }
  staffByVolume(parameters, customers, teams, addStaff);
  for (const team of teams) {
    const teamLocks = new Set<number>();
    for (const c of team.customers) {
      const customer = customers[c]!;
      teamLocks.add(customer.doorLock);
      if (customer.entranceLock !== undefined) teamLocks.add(customer.entranceLock);
    }
    team.locks = [...teamLocks].sort((a, b) => a - b);
  }
  return { seed, municipality, areas, properties, customers, teams, staff, locks };
}

/**
 * Staffs home-care and night teams from their customers' visits: enough people at work per shift
 * for the day's visits at `visitsPerStaffShift` (the evening shift is seven hours), five days of
 * seven, plus one.
 */
function staffByVolume(
  parameters: DistrictParameters,
  customers: Customer[],
  teams: Team[],
  addStaff: (team: number, count: number) => void,
): void {
  const rostered = (atWork: number) => Math.ceil((atWork * 7) / 5) + 1;
  for (const [t, team] of teams.entries()) {
    if (team.kind === 'home-care') {
      let day = 0;
      let evening = 0;
      for (const c of team.customers) {
        const plan = customers[c]!.homeCare!;
        for (const minute of plan.minutes) {
          const perDay = plan.weekdays.length / 7;
          if (minute < 15 * 60) day += perDay;
          else evening += perDay;
        }
      }
      const perShift = parameters.visitsPerStaffShift;
      team.dayGroup = rostered(Math.ceil(day / perShift));
      addStaff(t, team.dayGroup + rostered(Math.ceil(evening / ((perShift * 7) / 8))));
    } else if (team.kind === 'night-patrol') {
      const visits = team.customers.reduce((n, c) => n + customers[c]!.nightPatrolMinutes.length, 0);
      addStaff(t, rostered(Math.ceil(visits / parameters.nightVisitsPerStaffShift)));
    }
  }
}

function planHomeCare(random: SeededRandom, parameters: DistrictParameters): HomeCarePlan {
  if (random.isChance(parameters.weeklyOnlyShare))
    return { minutes: [random.int(9 * 60, 13 * 60)], weekdays: [random.int(0, 4)] };
  const template =
    dailyTemplates[Math.min(dailyTemplates.length - 1, Math.floor(random.between(0, 1) ** 1.5 * 5))]!;
  const shift = random.int(-40, 40);
  return { minutes: template.map((m) => m + shift), weekdays: [0, 1, 2, 3, 4, 5, 6] };
}

function placeAreas(parameters: DistrictParameters): Area[] {
  const columns = Math.ceil(Math.sqrt(parameters.areas));
  return Array.from({ length: parameters.areas }, (_, a) => ({
    name: stockholmDistrictNames[a % stockholmDistrictNames.length]!,
    centre: {
      x: (a % columns) * parameters.areaSpacing,
      y: Math.floor(a / columns) * parameters.areaSpacing,
    },
  }));
}

function centroid(points: Point[]): Point {
  const n = Math.max(points.length, 1);
  return {
    x: Math.round(points.reduce((s, p) => s + p.x, 0) / n),
    y: Math.round(points.reduce((s, p) => s + p.y, 0) / n),
  };
}

/** Street distance: Manhattan, since one walks along streets. */
export function distance(a: Point, b: Point): number {
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}
