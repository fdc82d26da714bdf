// A care-system export of the demo municipality (docs/imports.md "Demo export"): the registry
// rows the care system owns, made from the same world `seed-demo` builds, with the care system's
// own ids, written as CSV files (Swedish or English headers) or one JSON file. Importing it into
// an empty municipality gives the registry seed-demo gives (the test compares them), and
// `moveInExport` makes the second export of the test: moves, a loan and an ended service.
import { stringify } from 'csv-stringify/sync';
import { importKindDefinitions, importKinds, type ImportKind } from '@portvakt/core';
import type { DemoWorld, Row } from './seed-demo-data';

export type CareSystemExport = Record<ImportKind, Row[]>;

const tableOf = (world: DemoWorld, table: string) =>
  world.tables.find((entry) => entry.table === table)!.rows;

/** The demo world's care-system records, referring to each other by the care system's ids. */
export function buildCareSystemExport(world: DemoWorld): CareSystemExport {
  const ids = new Map<string, string>();
  const number = (prefix: string, rows: Row[]) =>
    rows.forEach((row, i) => ids.set(row.id as string, `${prefix}${String(i + 1).padStart(5, '0')}`));
  const districts = tableOf(world, 'district');
  const districtCode = new Map(districts.map((row) => [row.id as string, row.code as string]));
  const providers = tableOf(world, 'provider');
  const teams = tableOf(world, 'team');
  const customers = tableOf(world, 'customer');
  const services = tableOf(world, 'customer_service');
  const staff = tableOf(world, 'staff_member');
  const memberships = tableOf(world, 'team_membership');
  const assignments = tableOf(world, 'team_customer');
  number('U', providers);
  number('T', teams);
  number('K', customers);
  number('I', services);
  number('P', staff);
  number('M', memberships);
  number('A', assignments);
  const ref = (id: unknown) => ids.get(id as string)!;
  return {
    districts: districts.map((row) => ({ code: row.code, name: row.name })),
    providers: providers.map((row) => ({
      externalId: ref(row.id),
      name: row.name,
      organisationNumber: row.organisation_number,
      ownership: row.ownership,
      kinds: row.kinds,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
    })),
    teams: teams.map((row) => ({
      externalId: ref(row.id),
      providerId: ref(row.provider_id),
      districtId: row.district_id ? districtCode.get(row.district_id as string) : null,
      name: row.name,
      area: row.area,
    })),
    customers: customers.map((row) => ({
      externalId: ref(row.id),
      districtId: districtCode.get(row.district_id as string),
      givenName: row.given_name,
      familyName: row.family_name,
    })),
    services: services.map((row) => ({
      externalId: ref(row.id),
      customerId: ref(row.customer_id),
      service: row.service,
      providerId: ref(row.provider_id),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    })),
    staff: staff.map((row) => ({
      externalId: ref(row.id),
      providerId: ref(row.provider_id),
      givenName: row.given_name,
      familyName: row.family_name,
      employeeNumber: row.employee_number,
      employmentStartsOn: row.employment_starts_on,
      employmentEndsOn: row.employment_ends_on,
    })),
    memberships: memberships.map((row) => ({
      externalId: ref(row.id),
      teamId: ref(row.team_id),
      staffMemberId: ref(row.staff_member_id),
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    })),
    assignments: assignments.map((row) => ({
      externalId: ref(row.id),
      teamId: ref(row.team_id),
      customerId: ref(row.customer_id),
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      reason: row.reason,
    })),
    // seed-demo plans no visits and grants no time: the care plan comes through its own routes.
    plannedVisits: [],
    grantedTime: [],
  };
}

/** The file name of a kind: Swedish (`kunder.csv`) or English (`customers.csv`). */
export function fileNameOf(kind: ImportKind, language: 'sv' | 'en'): string {
  const names = importKindDefinitions[kind].fileNames;
  return `${names[language === 'en' ? 0 : 1]}.csv`;
}

/**
 * One CSV file per kind: Swedish headers with `;` and a BOM (as Excel in Sweden saves it), or
 * English headers with `,`. Lists are `|`-separated in one cell.
 */
export function writeCareSystemCsv(
  data: CareSystemExport,
  language: 'sv' | 'en',
): Array<{ name: string; content: string }> {
  // A file without rows is refused, so a kind the export has none of gets no file.
  return importKinds
    .filter((kind) => data[kind].length > 0)
    .map((kind) => {
      const definition = importKindDefinitions[kind];
      // Granted time's key field is one of its fields.
      const fields = [...new Set([definition.keyField, ...Object.keys(definition.fields)])];
      const header = fields.map((field) =>
        language === 'sv' ? (definition.headers[field]?.find((alias) => alias !== 'id') ?? field) : field,
      );
      const rows = data[kind].map((row) =>
        fields.map((field) => {
          const value = row[field];
          return Array.isArray(value)
            ? value.join('|')
            : value === null || value === undefined
              ? ''
              : typeof value === 'string'
                ? value
                : JSON.stringify(value);
        }),
      );
      const csv = stringify([header, ...rows], { delimiter: language === 'sv' ? ';' : ',' });
      return { name: fileNameOf(kind, language), content: language === 'sv' ? `\uFEFF${csv}` : csv };
    });
}

/** The whole export as one JSON file: an object of arrays by kind. */
export function writeCareSystemJson(data: CareSystemExport): { name: string; content: string } {
  const kinds = importKinds.filter((kind) => data[kind].length > 0);
  return {
    name: 'care-system-export.json',
    content: JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, data[kind]]))),
  };
}

/** What `moveInExport` changed, by the care system's ids. */
export interface ExportMoves {
  /** The membership ended by the move, and the one created in the other team. */
  staffMove: { staffMemberId: string; endedMembership: string; newMembership: string; toTeam: string };
  /** The team assignment ended by the move, and the one created with the other team. */
  customerMove: { customerId: string; endedAssignment: string; newAssignment: string; toTeam: string };
  /** A loan: a membership with an end, in another team of the staff member's provider. */
  temporaryMembership: string;
  /** A service the export now ends. */
  endedService: string;
  /** The day of the moves (what was ended ends then; what was made starts then). */
  movedAt: string;
}

/**
 * The next export after a week of work: a staff member moved to another team of their provider,
 * a customer moved to another team of the same provider, a new temporary membership (a loan),
 * and a service ended. Each ended record gets its end; the new ones get new ids.
 */
export function moveInExport(
  data: CareSystemExport,
  movedAt: Date,
): { data: CareSystemExport; moves: ExportMoves } {
  const next: CareSystemExport = Object.fromEntries(
    importKinds.map((kind) => [kind, data[kind].map((row) => ({ ...row }))]),
  ) as CareSystemExport;
  const at = movedAt.toISOString();
  const day = at.slice(0, 10);
  const teamsOf = (providerId: unknown) => next.teams.filter((team) => team.providerId === providerId);
  const teamById = new Map(next.teams.map((team) => [team.externalId as string, team]));
  const isOpen = (row: Row) => row.validUntil === null || row.validUntil === undefined;
  const activeStaff = new Set(next.staff.filter((row) => !row.employmentEndsOn).map((row) => row.externalId));

  // A staff member with one open membership, in a provider with another team they are not in.
  const staffMemberships = (staffId: unknown) =>
    next.memberships.filter((row) => row.staffMemberId === staffId);
  const moving = next.memberships.find((row) => {
    const own = staffMemberships(row.staffMemberId);
    return (
      activeStaff.has(row.staffMemberId) &&
      own.length === 1 &&
      isOpen(row) &&
      teamsOf(teamById.get(row.teamId as string)!.providerId).length > 1
    );
  })!;
  const toTeam = teamsOf(teamById.get(moving.teamId as string)!.providerId).find(
    (team) => team.externalId !== moving.teamId,
  )!;
  moving.validUntil = at;
  next.memberships.push({
    externalId: 'M-MOVE-1',
    teamId: toTeam.externalId,
    staffMemberId: moving.staffMemberId,
    validFrom: at,
    validUntil: null,
  });

  // A loan for another staff member with one membership, to another team of their provider.
  const lent = next.memberships.find(
    (row) =>
      row !== moving &&
      row.staffMemberId !== moving.staffMemberId &&
      activeStaff.has(row.staffMemberId) &&
      staffMemberships(row.staffMemberId).length === 1 &&
      isOpen(row) &&
      teamsOf(teamById.get(row.teamId as string)!.providerId).length > 1,
  )!;
  const loanTeam = teamsOf(teamById.get(lent.teamId as string)!.providerId).find(
    (team) => team.externalId !== lent.teamId,
  )!;
  next.memberships.push({
    externalId: 'M-LOAN-1',
    teamId: loanTeam.externalId,
    staffMemberId: lent.staffMemberId,
    validFrom: at,
    validUntil: new Date(movedAt.getTime() + 14 * 86_400_000).toISOString(),
  });

  // A customer assigned to one team moves to another team of the same provider.
  const assignmentsOf = (customerId: unknown) =>
    next.assignments.filter((row) => row.customerId === customerId);
  const movingCustomer = next.assignments.find(
    (row) =>
      isOpen(row) &&
      assignmentsOf(row.customerId).length === 1 &&
      teamsOf(teamById.get(row.teamId as string)!.providerId).filter((team) => team.districtId).length > 1,
  )!;
  const customerTeam = teamsOf(teamById.get(movingCustomer.teamId as string)!.providerId).find(
    (team) => team.externalId !== movingCustomer.teamId && team.districtId,
  )!;
  movingCustomer.validUntil = at;
  next.assignments.push({
    externalId: 'A-MOVE-1',
    teamId: customerTeam.externalId,
    customerId: movingCustomer.customerId,
    validFrom: at,
    validUntil: null,
    reason: 'Flyttad till annat team.',
  });

  // A customer's second service (e.g. the safety alarm) ends; their other service goes on.
  const endedService = next.services.find(
    (row) =>
      !row.endsOn &&
      (row.startsOn as string) < day &&
      row.service === 'safety_alarm' &&
      next.services.filter((other) => other.customerId === row.customerId).length > 1,
  )!;
  endedService.endsOn = day;

  return {
    data: next,
    moves: {
      staffMove: {
        staffMemberId: moving.staffMemberId as string,
        endedMembership: moving.externalId as string,
        newMembership: 'M-MOVE-1',
        toTeam: toTeam.externalId as string,
      },
      customerMove: {
        customerId: movingCustomer.customerId as string,
        endedAssignment: movingCustomer.externalId as string,
        newAssignment: 'A-MOVE-1',
        toTeam: customerTeam.externalId as string,
      },
      temporaryMembership: 'M-LOAN-1',
      endedService: endedService.externalId as string,
      movedAt: at,
    },
  };
}
