// One night of what the server writes on its own (docs/support.md "Titles"): a backup key taken
// from a cabinet (a case), an emergency opening (a case) that a contracted locksmith arrives at
// through the single-use link, the door opened and closed, and its follow-ups (a work order with
// a person's note, and a case). Shared by the server's test of what is stored and the browser's
// test of how the console words it.
import type { World } from '../platform/world.testing';
import { insertBackupKeyForTest } from '@portvakt/storage';
import { expect } from 'vitest';
import { ApiClient, type TestServer } from '../platform/testing';

type Versioned = { version: number };
type Emergency = { id: string; supportCaseId: string; reference: string };

export interface ServerWrittenFacts {
  companyName: string;
  takeCase: string;
  emergency: string;
  emergencyCase: string;
  emergencyReference: string;
  workOrder: string;
  followUpCase: string;
}

/**
 * Makes the facts as `support` and `staff` (a staff member of provider a) would, starting at
 * `night` and moving the server's clock through `setClock`; the locksmith arrives `arrivalMinutes`
 * after the emergency is reported.
 */
export async function makeServerWrittenFacts(options: {
  server: Pick<TestServer, 'url' | 'db'>;
  municipalityId: string;
  world: World;
  admin: ApiClient;
  support: ApiClient;
  staff: ApiClient;
  cabinetName: string;
  night: Date;
  arrivalMinutes: number;
  setClock: (at: Date) => void;
}): Promise<ServerWrittenFacts> {
  const { server, municipalityId, world, admin, support, staff, night } = options;
  const at = (minutes: number) => options.setClock(new Date(night.getTime() + minutes * 60_000));
  const company = `/api/v1/locksmith-companies/${world.locksmithCompany.a}`;
  expect((await admin.patch(company, { isEmergencyContracted: true })).status).toBe(200);
  const companyName = (await admin.get<{ name: string }>(company)).body.name;

  const cabinet = await admin.post<{ id: string }>('/api/v1/key-cabinets', {
    name: options.cabinetName,
    location: 'Kontoret',
    slotCount: 4,
    providerId: world.provider.a,
  });
  expect(cabinet.status).toBe(201);
  await insertBackupKeyForTest(server.db.pool, {
    municipalityId,
    customerId: world.customer.a,
    providerId: world.provider.a,
    doorId: world.door.apartmentA,
    keyCabinetId: cabinet.body.id,
    slot: 2,
    label: 'Reservnyckel 2',
  });
  const take = await staff.post<{ supportCaseId: string }>(`/api/v1/key-cabinets/${cabinet.body.id}/takes`, {
    slot: 2,
    reason: 'lock_fault',
  });
  expect(take.status).toBe(201);

  const emergency = await support.post<Emergency>('/api/v1/emergency-openings', {
    customerId: world.customer.a,
    doorId: world.door.apartmentA,
  });
  expect(emergency.status).toBe(201);
  const base = `/api/v1/emergency-openings/${emergency.body.id}`;
  at(5);
  const assigned = await support.post<{ arrivalUrl: string }>(`${base}/assign`, {
    locksmithCompanyId: world.locksmithCompany.a,
    version: 1,
  });
  expect(assigned.status).toBe(200);
  at(options.arrivalMinutes);
  const token = assigned.body.arrivalUrl.split('/').at(-1) ?? '';
  expect((await new ApiClient(server.url).post(`/api/v1/emergency-arrivals/${token}`)).status).toBe(200);
  const opened = await support.post<Versioned>(`${base}/door-opened`, { version: 3 });
  const closed = await support.post<Versioned>(`${base}/close`, {
    version: opened.body.version,
    cause: 'battery',
  });
  expect(closed.status).toBe(200);
  const order = await support.post<Versioned & { followUpWorkOrderId: string }>(`${base}/follow-up`, {
    version: closed.body.version,
    kind: 'work_order',
    note: 'Ring på hos grannen.',
  });
  expect(order.status).toBe(200);
  const followUp = await support.post<{ followUpCaseId: string }>(`${base}/follow-up`, {
    version: order.body.version,
    kind: 'support_case',
  });
  expect(followUp.status).toBe(200);
  return {
    companyName,
    takeCase: take.body.supportCaseId,
    emergency: emergency.body.id,
    emergencyCase: emergency.body.supportCaseId,
    emergencyReference: emergency.body.reference,
    workOrder: order.body.followUpWorkOrderId,
    followUpCase: followUp.body.followUpCaseId,
  };
}
