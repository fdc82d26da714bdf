// A small registry for the storage tests: one municipality with two providers, each serving one
// customer in one building, and a neighbouring municipality. Services start in 2020 and do not
// end, so the rows are "served today" whatever today is; one service ended in 2021.
import { findEntity, type Resource } from '@portvakt/core';
import type { Queryable } from '../platform/queryable';
import { insertMunicipality } from './municipality.repository';
import { insertEntity, type WriteValues } from './registry.repository';

export interface RegistryWorld {
  municipalityId: string;
  otherMunicipalityId: string;
  districtId: string;
  propertyId: string;
  entranceId: string;
  apartmentDoorId: string;
  northId: string;
  southId: string;
  /** Served by North since 2020. */
  gunId: string;
  /** Served by South since 2020; by North only until 2021. */
  bertilId: string;
  teamId: string;
  staffId: string;
}

let counter = 0;

/** Builds the world in `db`; codes are unique per call so several worlds share a database. */
export async function createRegistryWorld(db: Queryable): Promise<RegistryWorld> {
  counter += 1;
  const code = String(counter);
  const municipalityId = await insertMunicipality(db, { code: `T${code}`, name: 'Teststad' });
  const otherMunicipalityId = await insertMunicipality(db, { code: `O${code}`, name: 'Grannstad' });
  const add = (resource: Resource, values: WriteValues, municipality = municipalityId) =>
    insertEntity(db, findEntity(resource), municipality, values);
  const districtId = await add('district', { code: `D${code}`, name: 'Norrmalm' });
  const propertyId = await add('property', {
    districtId,
    designation: 'Sveaborg 4',
    streetAddress: 'Sveavägen 1',
  });
  const entranceId = await add('door', { propertyId, kind: 'entrance', label: 'Port A' });
  const apartmentDoorId = await add('door', { propertyId, kind: 'apartment_door', label: 'Lgh 1101' });
  const provider = (name: string) =>
    add('provider', { name, ownership: 'municipal', kinds: ['day_home_care'] });
  const northId = await provider('Hemtjänst Nord');
  const southId = await provider('Hemtjänst Syd');
  const customer = (givenName: string, familyName: string) =>
    add('customer', { districtId, givenName, familyName, residencePropertyId: propertyId });
  const gunId = await customer('Gun', 'Ahmed');
  const bertilId = await customer('Bertil', 'Berg');
  const service = (customerId: string, providerId: string, endsOn: string | null) =>
    add('customer_service', { customerId, providerId, service: 'home_care', startsOn: '2020-01-01', endsOn });
  await service(gunId, northId, null);
  await service(bertilId, southId, null);
  await service(bertilId, northId, '2021-12-31');
  const teamId = await add('team', { providerId: northId, name: 'Nord 1' });
  const staffId = await add('staff_member', {
    providerId: northId,
    givenName: 'Anna',
    familyName: 'Lind',
    pseudonym: `ps-${code}`,
    employmentStartsOn: '2020-01-01',
  });
  return {
    municipalityId,
    otherMunicipalityId,
    districtId,
    propertyId,
    entranceId,
    apartmentDoorId,
    northId,
    southId,
    gunId,
    bertilId,
    teamId,
    staffId,
  };
}
