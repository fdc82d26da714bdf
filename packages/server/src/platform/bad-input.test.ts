// Bad input gets a 4xx with a stable code and changes nothing: each case snapshots every table's
// row count (audit trail included) before and after.
import { countEveryTable } from '@portvakt/storage/testing';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { findTextProblem } from '@portvakt/core';
import { bodyLimitBytes } from './app';
import type { ApiClient, TestServer } from './testing';
import { createStaffMember, startTestWorld, type World } from './world.testing';

let server: TestServer;
let admin: ApiClient;
let world: World;
let workLead: ApiClient;
let snapshot: Record<string, number>;

const countRows = () => countEveryTable(server.db.pool);

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, admin, world } = started);
  workLead = await started.login('work_lead', { providerId: world.provider.a });
});
afterAll(async () => server?.close());
beforeEach(async () => {
  snapshot = await countRows();
});
afterEach(async () => {
  expect(await countRows()).toEqual(snapshot);
});

function expectError(response: { status: number; body: any }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body.code).toBe(code);
  expect(typeof response.body.message).toBe('string');
  expect(response.body.message.length).toBeGreaterThan(0);
}

describe('bad input changes nothing', () => {
  it.each([
    '/api/v1/key-cabinets?includeRetired=true',
    '/api/v1/alarm-response-times?month=2026-03&monht=2026-04',
  ])('refuses a query parameter the route does not know instead of ignoring it: %s', async (path) => {
    const response = await admin.get(path);
    expectError(response, 400, 'validation_failed');
  });

  it('missing required fields are named', async () => {
    const response = await admin.post('/api/v1/locks', { serial: 'PV-X-1' });
    expectError(response, 400, 'validation_failed');
    expect(JSON.stringify(response.body.details)).toContain('lockType');
  });

  it('wrong-typed fields are not coerced', async () => {
    expectError(
      await admin.post('/api/v1/locks', { lockType: 'cylinder_ring', serial: 'PV-X-2', batteryLevel: '50' }),
      400,
      'validation_failed',
    );
    expectError(await admin.post('/api/v1/districts', { code: 12, name: 'Tal' }), 400, 'validation_failed');
    expectError(
      await admin.patch(`/api/v1/customers/${world.customer.a}`, { hasRefusedLock: 'yes' }),
      400,
      'validation_failed',
    );
  });

  it('values out of range or not in the list are refused', async () => {
    expectError(
      await admin.post('/api/v1/locks', { lockType: 'padlock', serial: 'PV-X-3' }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.patch(`/api/v1/locks/${world.lockDevice.a}`, { batteryLevel: 101 }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.post('/api/v1/districts', { code: 'D9', name: 'Q', rolloutStartQuarter: '2027-Q5' }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.post('/api/v1/customer-services', {
        customerId: world.customer.a,
        service: 'home_care',
        providerId: world.provider.a,
        startsOn: '2026-13-01',
      }),
      400,
      'validation_failed',
    );
  });

  it('dates and instants outside the years 1900–2999 are refused, whoever sends them', async () => {
    // A year-1 employment start was stored, and every permission check of the municipality
    // answered 500 after it (the compiler read year 1 as 1901 and threw).
    const early = await workLead.post('/api/v1/staff', {
      providerId: world.provider.a,
      givenName: 'Tidig',
      familyName: 'Start',
      employeeNumber: 'HP-0001',
      employmentStartsOn: '0001-01-01',
    });
    expectError(early, 400, 'validation_failed');
    expect(early.body.details[0]).toMatchObject({
      field: 'body.employmentStartsOn',
      problem: 'format',
      message: 'must be a date (YYYY-MM-DD) between 1900-01-01 and 2999-12-31',
    });
    for (const startsOn of ['1899-12-31', '3000-01-01', '0099-06-30']) {
      const service = await admin.post('/api/v1/customer-services', {
        customerId: world.customer.a,
        service: 'home_care',
        providerId: world.provider.a,
        startsOn,
      });
      expectError(service, 400, 'validation_failed');
    }
    const membership = await admin.post('/api/v1/team-memberships', {
      teamId: world.team.a,
      staffMemberId: world.staffMember.a,
      validFrom: '0099-01-01T00:00:00Z',
    });
    expectError(membership, 400, 'validation_failed');
    expect(membership.body.details[0]).toMatchObject({
      field: 'body.validFrom',
      message: 'must be a date and time with its offset (RFC 3339) between 1900-01-01 and 2999-12-31',
    });
    expectError(
      await admin.get('/api/v1/visits?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z'),
      400,
      'validation_failed',
    );
    const check = await admin.get(`/api/v1/staff/${world.staffMember.a}/lock-list`);
    expect(check.status).toBe(200);
  });

  it('unknown fields are refused rather than ignored', async () => {
    const response = await admin.post('/api/v1/districts', { code: 'D8', name: 'Extra', isSecret: true });
    expectError(response, 400, 'validation_failed');
    expect(response.body.details[0].unexpected).toBe('isSecret');
  });

  it('system fields cannot be set by clients', async () => {
    expectError(
      await admin.post('/api/v1/staff', {
        providerId: world.provider.a,
        givenName: 'A',
        familyName: 'B',
        employmentStartsOn: '2026-01-01',
        pseudonym: 'ps-mine',
      }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.patch(`/api/v1/teams/${world.team.a}`, { providerId: world.provider.b }),
      400,
      'validation_failed',
    );
  });

  it('an empty change is refused', async () => {
    expectError(await admin.patch(`/api/v1/districts/${world.district.a}`, {}), 400, 'validation_failed');
  });

  it('unknown and malformed ids are told apart', async () => {
    expectError(await admin.get('/api/v1/customers/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectError(
      await admin.patch('/api/v1/customers/00000000-0000-4000-8000-000000000000', { apartment: 'x' }),
      404,
      'not_found',
    );
    expectError(
      await admin.delete('/api/v1/customers/00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
    );
    expectError(await admin.get('/api/v1/customers/not-a-uuid'), 400, 'validation_failed');
    expectError(await admin.get('/api/v1/nothing-here'), 404, 'route_not_found');
  });

  it('references to things that do not exist are refused', async () => {
    const response = await admin.post('/api/v1/doors', {
      propertyId: '00000000-0000-4000-8000-000000000000',
      kind: 'entrance',
      label: 'Port Z',
    });
    expectError(response, 422, 'unknown_reference');
    expectError(
      await admin.put(`/api/v1/customers/${world.customer.a}/access-path`, {
        doorIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      422,
      'unknown_reference',
    );
  });

  it('duplicate serials are refused with a conflict', async () => {
    const existing = await admin.get(`/api/v1/locks/${world.lockDevice.a}`);
    const response = await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: existing.body.serial,
    });
    expectError(response, 409, 'already_exists');
    expect(response.body.details.field).toBe('serial');
    const key = await admin.get(`/api/v1/keys/${world.digitalKey.a}`);
    expectError(
      await admin.post('/api/v1/keys', {
        providerId: world.provider.a,
        kind: 'phone',
        serial: key.body.serial,
      }),
      409,
      'already_exists',
    );
  });

  it('a second installed lock on the same door is refused', async () => {
    expectError(
      await admin.post('/api/v1/locks', {
        lockType: 'cylinder_ring',
        serial: 'PV-X-4',
        status: 'installed',
        doorId: world.door.a,
      }),
      409,
      'already_exists',
    );
  });

  it('oversized bodies are refused', async () => {
    const response = await admin.request('POST', '/api/v1/districts', undefined, {
      raw: {
        contentType: 'application/json',
        data: JSON.stringify({ code: 'BIG', name: 'x'.repeat(bodyLimitBytes + 10) }),
      },
    });
    expectError(response, 413, 'body_too_large');
  });

  it('fields longer than allowed are refused', async () => {
    expectError(
      await admin.post('/api/v1/districts', { code: 'LONG', name: 'x'.repeat(101) }),
      400,
      'validation_failed',
    );
  });

  it('a wrong content type is refused', async () => {
    const response = await admin.request('POST', '/api/v1/districts', undefined, {
      raw: { contentType: 'text/plain', data: 'code=D7&name=Text' },
    });
    expectError(response, 415, 'unsupported_media_type');
  });

  it('malformed JSON is refused', async () => {
    const response = await admin.request('POST', '/api/v1/districts', undefined, {
      raw: { contentType: 'application/json', data: '{"code": "D6", "name": ' },
    });
    expectError(response, 400, 'malformed_json');
    // An empty body that claims to be JSON is a missing body (it was `empty_body`, unlike `{}`).
    expectError(
      await admin.request('POST', '/api/v1/districts', undefined, {
        raw: { contentType: 'application/json', data: '' },
      }),
      400,
      'validation_failed',
    );
  });

  it('a missing body is refused like an empty object, however it is missing', async () => {
    const routes: Array<[method: string, path: string]> = [
      ['POST', '/api/v1/districts'],
      ['PATCH', `/api/v1/customers/${world.customer.a}`],
      ['PUT', `/api/v1/customers/${world.customer.a}/access-path`],
      ['POST', '/api/v1/support-cases'],
    ];
    for (const [method, path] of routes) {
      const emptyObject = await admin.request(method, path, {});
      const noBody = await admin.request(method, path);
      const emptyJson = await admin.request(method, path, undefined, {
        raw: { contentType: 'application/json', data: '' },
      });
      for (const response of [emptyObject, noBody, emptyJson])
        expectError(response, 400, 'validation_failed');
      for (const response of [noBody, emptyJson]) {
        expect(response.body.message, `${method} ${path}`).toBe(
          'The request body is missing; send a JSON object.',
        );
        expect(response.body.details).toEqual([
          { field: 'body', problem: 'required', message: 'is required' },
        ]);
      }
    }
    // A route that takes no body accepts none, and refuses an empty one that claims to be JSON alike.
    const retire = `/api/v1/key-cabinets/00000000-0000-4000-8000-000000000000/retire`;
    expectError(await admin.request('POST', retire), 404, 'not_found');
    const emptyJson = await admin.request('POST', retire, undefined, {
      raw: { contentType: 'application/json', data: '' },
    });
    expectError(emptyJson, 400, 'validation_failed');
    expect(emptyJson.body.details).toEqual([
      { field: 'body', problem: 'type', message: 'must be a JSON object or left out' },
    ]);
  });

  it('business rules across records are enforced', async () => {
    expectError(
      await admin.post('/api/v1/locks', {
        lockType: 'key_safe',
        serial: 'PV-X-5',
        status: 'installed',
        doorId: world.door.laundryA,
      }),
      422,
      'lock_type_mismatch',
    );
    expectError(
      await admin.post('/api/v1/team-memberships', {
        teamId: world.team.a,
        staffMemberId: world.staffMember.b,
      }),
      422,
      'provider_mismatch',
    );
    expectError(
      await admin.patch(`/api/v1/keys/${world.digitalKey.a}`, { holderStaffMemberId: world.staffMember.b }),
      422,
      'provider_mismatch',
    );
    expectError(
      await admin.post('/api/v1/locks', { lockType: 'cylinder_ring', serial: 'PV-X-6', status: 'installed' }),
      422,
      'door_required',
    );
    expectError(
      await admin.put(`/api/v1/customers/${world.customer.a}/access-path`, {
        doorIds: [world.door.apartmentA, world.door.a],
      }),
      422,
      'path_must_end_at_home',
    );
    expectError(
      await admin.post('/api/v1/customer-services', {
        customerId: world.customer.a,
        service: 'home_health_care',
        providerId: world.provider.a,
        startsOn: '2026-01-01',
      }),
      422,
      'provider_cannot_deliver',
    );
  });

  it('permission facts keep to the providers a customer has chosen (R3.2)', async () => {
    expectError(
      await admin.post('/api/v1/team-customers', { teamId: world.team.b, customerId: world.customer.a }),
      422,
      'provider_not_chosen',
    );
    expectError(
      await admin.post('/api/v1/access-grants', {
        staffMemberId: world.staffMember.b,
        customerId: world.customer.a,
        validUntil: '2030-01-01T00:00:00Z',
        reason: 'Försök',
      }),
      422,
      'provider_not_chosen',
    );
    expectError(
      await admin.post('/api/v1/access-grants', {
        staffMemberId: world.staffMember.a,
        customerId: world.customer.a,
        doorId: world.door.a,
        validUntil: '2030-01-01T00:00:00Z',
        reason: 'Båda',
      }),
      422,
      'grant_target_required',
    );
    expectError(
      await admin.post('/api/v1/access-grants', {
        staffMemberId: world.staffMember.a,
        customerId: world.customer.a,
        reason: 'Utan slut',
      }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.post('/api/v1/access-grants', {
        staffMemberId: world.staffMember.a,
        customerId: world.customer.a,
        validFrom: '2030-01-02T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
        reason: 'Baklänges',
      }),
      422,
      'ends_before_start',
    );
    expectError(
      await admin.post('/api/v1/shared-door-grants', { doorId: world.door.apartmentA, teamId: world.team.a }),
      422,
      'not_a_shared_door',
    );
    expectError(
      await admin.patch(`/api/v1/providers/${world.provider.b}`, {
        serviceWindows: { home_care: [{ from: '25:00', to: '07:00' }] },
      }),
      400,
      'validation_failed',
    );
  });

  it('deleting something still referenced is refused with what refers to it', async () => {
    const response = await admin.delete(`/api/v1/providers/${world.provider.a}`);
    expectError(response, 409, 'still_referenced');
    expect(typeof response.body.details.referencedBy).toBe('string');
    expectError(await admin.delete(`/api/v1/doors/${world.door.a}`), 409, 'still_referenced');
  });

  it('bad list parameters are refused', async () => {
    expectError(await admin.get('/api/v1/customers?sort=password'), 400, 'validation_failed');
    expectError(await admin.get('/api/v1/customers?limit=100000'), 400, 'validation_failed');
    expectError(await admin.get('/api/v1/customers?cursor=bm90LWEtY3Vyc29y'), 400, 'invalid_cursor');
    expectError(await admin.get('/api/v1/customers?nonsense=1'), 400, 'validation_failed');
  });

  it('invalid personal identity numbers are refused', async () => {
    expectError(
      await admin.patch(`/api/v1/customers/${world.customer.a}`, { identityNumber: '19121212-1213' }),
      400,
      'invalid_identity_number',
    );
    expectError(
      await admin.patch(`/api/v1/customers/${world.customer.a}`, { identityNumber: 'abc' }),
      400,
      'validation_failed',
    );
  });

  it('a customer who refused a lock gets no doors on the path', async () => {
    const customer = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Ingrid',
      familyName: 'Nej',
      hasRefusedLock: true,
    });
    expect(customer.status).toBe(201);
    snapshot = await countRows();
    expectError(
      await admin.put(`/api/v1/customers/${customer.body.id}/access-path`, {
        doorIds: [world.door.a, world.door.apartmentA],
      }),
      422,
      'customer_refused_lock',
    );
  });
});

describe('records that depend on each other', () => {
  it('an access path must end at the customer’s own door, inside their residence', async () => {
    expectError(
      await admin.put(`/api/v1/customers/${world.customer.a}/access-path`, {
        doorIds: [world.door.a, world.door.apartmentB],
      }),
      422,
      'door_outside_residence',
    );
    const neighbour = await admin.post('/api/v1/doors', {
      propertyId: world.property.a,
      kind: 'apartment_door',
      label: 'Lgh 1099',
    });
    snapshot = await countRows();
    expectError(
      await admin.put(`/api/v1/customers/${world.customer.a}/access-path`, {
        doorIds: [world.door.a, neighbour.body.id],
      }),
      422,
      'path_must_end_at_customer_door',
    );
  });

  it('a door keeps its kind and a lock its type', async () => {
    expectError(
      await admin.patch(`/api/v1/doors/${world.door.apartmentA}`, { kind: 'entrance' }),
      400,
      'validation_failed',
    );
    expectError(
      await admin.patch(`/api/v1/locks/${world.lockDevice.a}`, { lockType: 'key_safe' }),
      400,
      'validation_failed',
    );
  });

  it('a provider cannot drop a kind it still delivers', async () => {
    expectError(
      await admin.patch(`/api/v1/providers/${world.provider.a}`, { kinds: ['home_health_care'] }),
      422,
      'provider_still_delivers',
    );
  });

  it('a customer with doors on the path cannot be marked as having refused a lock', async () => {
    expectError(
      await admin.patch(`/api/v1/customers/${world.customer.a}`, { hasRefusedLock: true }),
      422,
      'customer_has_access_path',
    );
  });

  it('the same team cannot be assigned the same customer twice at once', async () => {
    expectError(
      await admin.post('/api/v1/team-customers', { teamId: world.team.a, customerId: world.customer.a }),
      422,
      'already_assigned',
    );
    expectError(
      await admin.post('/api/v1/team-memberships', {
        teamId: world.team.a,
        staffMemberId: world.staffMember.a,
      }),
      422,
      'already_assigned',
    );
  });

  it('a grant can start now at the earliest, never in the past', async () => {
    const day = 24 * 60 * 60 * 1000;
    snapshot = await countRows();
    expectError(
      await admin.post('/api/v1/access-grants', {
        staffMemberId: world.staffMember.a,
        customerId: world.customer.a,
        validFrom: new Date(Date.now() - 10 * day).toISOString(),
        validUntil: new Date(Date.now() + 30 * day).toISOString(),
        reason: 'Vikariat',
      }),
      422,
      'starts_in_the_past',
    );
  });

  it('a grant can end now at the earliest, never in the past', async () => {
    // Granted ten days ago, within the longest grant allowed; then moved to end yesterday. The API
    // no longer takes a start in the past, so the grant's start is moved back in the database.
    const day = 24 * 60 * 60 * 1000;
    const grant = await admin.post('/api/v1/access-grants', {
      // A staff member of their own: the world's grant to customer a is current.
      staffMemberId: await createStaffMember(admin, world.provider.a),
      customerId: world.customer.a,
      validUntil: new Date(Date.now() + 20 * day).toISOString(),
      reason: 'Vikariat',
    });
    expect(grant.status).toBe(201);
    await server.db.pool.query('UPDATE access_grant SET valid_from = $2 WHERE id = $1', [
      grant.body.id,
      new Date(Date.now() - 10 * day),
    ]);
    snapshot = await countRows();
    expectError(
      await admin.patch(`/api/v1/access-grants/${grant.body.id}`, {
        validUntil: new Date(Date.now() - day).toISOString(),
      }),
      422,
      'ends_in_the_past',
    );
  });

  it('a key that is not active gets no PIN reset code', async () => {
    const key = await admin.post('/api/v1/keys', {
      providerId: world.provider.a,
      kind: 'hardware_key',
      serial: `PV-NP-${Date.now()}`,
    });
    await admin.patch(`/api/v1/keys/${key.body.id}`, { status: 'lost', statusReason: 'Borta' });
    snapshot = await countRows();
    expectError(await admin.post(`/api/v1/keys/${key.body.id}/pin-reset`), 422, 'key_not_active');
  });

  it('validity must end after it starts', async () => {
    expectError(
      await admin.post('/api/v1/team-memberships', {
        teamId: world.team.a,
        staffMemberId: world.staffMember.a,
        validFrom: '2030-01-02T00:00:00Z',
        validUntil: '2030-01-01T00:00:00+01:00',
      }),
      422,
      'ends_before_start',
    );
  });
});

describe('odd input never causes a server error', () => {
  it('lists the allowed values for a wrong enum value', async () => {
    const response = await admin.post('/api/v1/locks', { lockType: 'padlock', serial: 'PV-ENUM' });
    expectError(response, 400, 'validation_failed');
    expect(response.body.details[0].allowedValues).toEqual([
      'cylinder_ring',
      'inside_unit',
      'key_safe',
      'key_tube',
    ]);
  });

  it('refuses NUL characters and out-of-range numbers with 400', async () => {
    // PostgreSQL cannot store NUL in text. In a body it is a control character like any other
    // (changed on purpose: was invalid_value from the database); in a query the database still
    // refuses it.
    const nul = await admin.post('/api/v1/districts', { code: 'N\u0000', name: 'n' });
    expectError(nul, 400, 'invalid_characters');
    expect(nul.body.details).toEqual([
      { field: 'body.code', problem: 'control_character', message: expect.any(String) },
    ]);
    expectError(await admin.get('/api/v1/customers?q=a%00b'), 400, 'invalid_value');
    // A percent-escape that is not UTF-8 (Latin-1's "å" is %E5) would be searched for as the
    // text "%E5" and find nothing, with no one told why.
    for (const query of ['q=%E5sa', 'q=%FF', 'q=50%', 'q=%E2%82'])
      expectError(await admin.get(`/api/v1/customers?${query}`), 400, 'invalid_encoding');
    expect((await admin.get('/api/v1/customers?q=%C3%A5sa+berg')).status).toBe(200);
    expectError(await admin.get('/api/v1/audit?entityId=a%00'), 400, 'invalid_value');
    // The audit trail's entity filter is a list of names now: a NUL is refused by its schema.
    expectError(await admin.get('/api/v1/audit?entity=a%00'), 400, 'validation_failed');
    expectError(await admin.get('/api/v1/audit?cursor=99999999999999999999'), 400, 'validation_failed');
  });

  it('answers an address the HTTP parser cannot read (raw UTF-8, as curl sends it) as bad input with a code', async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          Buffer.from('GET /api/v1/customers?q=Testström HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'),
        );
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('application/json');
    expect(JSON.parse(body!)).toEqual({
      code: 'bad_request',
      message: expect.stringContaining('percent-encoded'),
    });
    // Encoded, the same search is answered.
    expect((await admin.get(`/api/v1/customers?q=${encodeURIComponent('Testström')}`)).status).toBe(200);
  });

  it('refuses free-text search where nothing is searchable', async () => {
    expectError(await admin.get('/api/v1/customer-services?q=x'), 400, 'validation_failed');
  });

  it('answers a duplicate with the API field, not the database’s names', async () => {
    const response = await admin.post('/api/v1/districts', {
      code: (await admin.get(`/api/v1/districts/${world.district.a}`)).body.code.toLowerCase(),
      name: 'Dubblett',
    });
    expectError(response, 409, 'already_exists');
    expect(response.body.details).toEqual({ field: 'code' });
  });
});

describe('text that would mislead a reader is refused (issue 9 item 8d)', () => {
  const misleading: Array<[label: string, text: string, code: string]> = [
    ['only spaces', '   ', 'blank_text'],
    ['only a no-break space and a tab', '\u00a0\t', 'blank_text'],
    ['only a zero-width space', '\u200b', 'blank_text'],
    ['a right-to-left override', 'Anna\u202Eexe.', 'invalid_characters'],
    ...[
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ].map((control): [string, string, string] => [
      `bidi control U+${control.codePointAt(0)!.toString(16).toUpperCase()}`,
      `Norr${control}Syd`,
      'invalid_characters',
    ]),
    ['a lone high surrogate', 'Norr\ud800', 'invalid_characters'],
    ['a lone low surrogate', '\udc00Syd', 'invalid_characters'],
    ...[
      ['NUL', '\u0000'],
      ['BEL', '\u0007'],
      ['a tab', '\t'],
      ['a line feed', '\n'],
      ['a carriage return', '\r'],
      ['ESC', '\u001B'],
      ['DEL', '\u007F'],
      ['the C1 next line U+0085', '\u0085'],
      ['the C1 control U+009F', '\u009F'],
    ].map(([label, control]): [string, string, string] => [
      `a control character: ${label}`,
      `Norr${control}Syd`,
      'invalid_characters',
    ]),
  ];

  it.each(misleading)('a name with %s', async (_label, text, code) => {
    const response = await admin.post('/api/v1/districts', { code: 'TXT', name: text });
    expectError(response, 400, code);
    // Listed like validation_failed's details (changed on purpose: was one object), so a form
    // shows it at the field.
    expect(response.body.details).toEqual([
      {
        field: 'body.name',
        problem: expect.stringMatching(/^(blank|bidi_control|lone_surrogate|control_character)$/),
        message: expect.any(String),
      },
    ]);
  });

  it('applies to every human-readable field: names, labels, reasons, settings and accounts', async () => {
    const rlo = 'x\u202Ey';
    const attempts = [
      admin.patch(`/api/v1/customers/${world.customer.a}`, { familyName: rlo }),
      admin.patch(`/api/v1/customers/${world.customer.a}`, { givenName: '  ' }),
      admin.patch(`/api/v1/doors/${world.door.a}`, { label: rlo }),
      admin.patch(`/api/v1/teams/${world.team.a}`, { name: ' ' }),
      admin.patch(`/api/v1/staff/${world.staffMember.a}`, { familyName: rlo }),
      admin.patch(`/api/v1/access-grants/${world.accessGrant.a}`, { reason: '\u2067' }),
      admin.patch('/api/v1/municipality', { name: rlo }),
      admin.post('/api/v1/users', {
        username: 'ny.anvandare',
        displayName: rlo,
        role: 'support',
        password: 'a long enough password',
      }),
      admin.post('/api/v1/api-tokens', { name: '   ', role: 'auditor' }),
      admin.post('/api/v1/teams', { providerId: world.provider.a, name: 'a\u0007b' }),
      admin.patch(`/api/v1/teams/${world.team.a}`, { name: 'line\nbreak' }),
      admin.patch(`/api/v1/doors/${world.door.a}`, { label: 'Port\tA' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(['blank_text', 'invalid_characters']).toContain(response.body.code);
    }
  });

  it('raw JSON with an escaped lone surrogate is refused', async () => {
    const response = await admin.request('POST', '/api/v1/districts', undefined, {
      raw: { contentType: 'application/json', data: '{"code":"SUR","name":"Norr \\udfff"}' },
    });
    expectError(response, 400, 'invalid_characters');
  });

  it('a body in another charset than UTF-8 is refused with 415', async () => {
    for (const charset of ['iso-8859-1', 'ISO-8859-1', '"latin1"', 'windows-1252', 'utf-16']) {
      const response = await admin.request('POST', '/api/v1/districts', undefined, {
        raw: { contentType: `application/json; charset=${charset}`, data: '{"code":"LAT","name":"Norr"}' },
      });
      expectError(response, 415, 'unsupported_charset');
    }
  });

  it('a body that is not valid UTF-8 is refused with 400, not stored with U+FFFD', async () => {
    // "Söder" in Latin-1 (ö is the lone byte 0xF6), no charset declared.
    const latin1 = Buffer.from('{"code":"D7","name":"S\xf6der"}', 'latin1');
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const response = await admin.request('POST', '/api/v1/districts', undefined, {
        raw: { contentType, data: latin1 },
      });
      expectError(response, 400, 'invalid_encoding');
    }
    // A care-system CSV saved as Windows-1252 alike.
    const csv = await admin.request('PUT', '/api/v1/granted-time', undefined, {
      raw: { contentType: 'text/csv', data: Buffer.from('kund;tjänst\n1;Städ\n', 'latin1') },
    });
    expectError(csv, 400, 'invalid_encoding');
    const stored = await server.db.pool.query("SELECT 1 FROM district WHERE code = 'D7'");
    expect(stored.rowCount).toBe(0);
  });
});

describe('free text keeps its line breaks and tabs, nothing else', () => {
  it('a name with a bell or a line break is refused at the field, nothing stored', async () => {
    for (const name of ['a\u0007b', 'line\nbreak']) {
      const response = await admin.post('/api/v1/teams', { providerId: world.provider.a, name });
      expectError(response, 400, 'invalid_characters');
      expect(response.body.details).toEqual([
        { field: 'body.name', problem: 'control_character', message: expect.any(String) },
      ]);
    }
  });

  it('a note with a line break and a tab is stored as sent', async () => {
    const notes = 'Nyckel i tuben.\nRing på\tporttelefonen först.\r\nSedan trappan.';
    const response = await admin.patch(`/api/v1/doors/${world.door.a}`, { notes });
    expect(response.status).toBe(200);
    expect(response.body.notes).toBe(notes);
    const stored = await server.db.pool.query<{ notes: string }>('SELECT notes FROM door WHERE id = $1', [
      world.door.a,
    ]);
    expect(stored.rows[0]!.notes).toBe(notes);
    // The change and its audit entry were meant; what follows must change nothing.
    snapshot = await countRows();
    for (const note of ['Ring\u0007', 'Ring\u0000', 'Ring\u001B[31m', 'Ring\u0085']) {
      const refused = await admin.patch(`/api/v1/doors/${world.door.a}`, { notes: note });
      expectError(refused, 400, 'invalid_characters');
      expect(refused.body.details).toEqual([
        { field: 'body.notes', problem: 'control_character', message: expect.any(String) },
      ]);
    }
    const after = await server.db.pool.query<{ notes: string }>('SELECT notes FROM door WHERE id = $1', [
      world.door.a,
    ]);
    expect(after.rows[0]!.notes).toBe(notes);
  });

  it('says which texts may run over several lines', () => {
    expect(findTextProblem('a\nb\r\n\tc', { isMultiLine: true })).toBeUndefined();
    expect(findTextProblem('a\u0007b', { isMultiLine: true })).toBe('control_character');
    expect(findTextProblem('a\nb')).toBe('control_character');
  });
});

describe('text that reads fine gets through', () => {
  it('with UTF-8 named or left out, and names with spaces inside', async () => {
    // Each body lacks a required field, so it reaches schema validation and stops there.
    for (const contentType of [
      'application/json; charset=utf-8',
      'application/json; charset="UTF-8"',
      'application/json;charset=utf8',
      'application/json',
    ]) {
      const response = await admin.request('POST', '/api/v1/districts', undefined, {
        raw: { contentType, data: JSON.stringify({ name: ' Västra  Åbacka ' }) },
      });
      expectError(response, 400, 'validation_failed');
    }
    for (const text of [' Västra  Åbacka ', 'Åsa 😀 Öberg', 'محمد', '', 'a\u00a0b']) {
      expect(findTextProblem(text)).toBeUndefined();
    }
  });
});

describe('lists', () => {
  it('page by creation time through everything exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin.get(
        `/api/v1/doors?sort=createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 1000);
    const all = (await admin.get('/api/v1/doors?limit=500')).body.items;
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
  });

  it('page with a cursor through everything exactly once, in order', async () => {
    for (let i = 0; i < 7; i += 1) {
      expect(
        (await admin.post('/api/v1/districts', { code: `P${i}`, name: `Sida ${String(i).padStart(2, '0')}` }))
          .status,
      ).toBe(201);
    }
    snapshot = await countRows();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await admin.get(
        `/api/v1/districts?sort=-name&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = (await admin.get('/api/v1/districts?limit=500')).body.items.map(
      (d: { name: string }) => d.name,
    );
    expect(seen).toHaveLength(all.length);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('filter and search', async () => {
    const installed = await admin.get('/api/v1/locks?status=installed&limit=500');
    expect(installed.body.items.length).toBeGreaterThan(0);
    expect(installed.body.items.every((lock: { status: string }) => lock.status === 'installed')).toBe(true);
    const found = await admin.get('/api/v1/customers?q=berg');
    expect(found.body.items.map((c: { familyName: string }) => c.familyName)).toContain('Berg');
  });

  it('stores and searches text in one Unicode form: "å" pasted as "a" and a ring is found as typed', async () => {
    // macOS and some PDFs give decomposed letters (NFD); a keyboard gives composed ones (NFC).
    const decomposed = 'A\u030Angermanland norra';
    const made = await admin.post('/api/v1/districts', { code: 'NFD1', name: decomposed });
    expect(made.status).toBe(201);
    snapshot = await countRows();
    expect(made.body.name).toBe('Ångermanland norra'.normalize('NFC'));
    for (const query of ['Ångermanland', decomposed.split(' ')[0]!]) {
      const found = await admin.get(`/api/v1/districts?q=${encodeURIComponent(query)}&limit=500`);
      expect(
        found.body.items.map((d: { id: string }) => d.id),
        JSON.stringify([query, found.status, found.body]),
      ).toContain(made.body.id);
    }
  });
});

describe('personal identity numbers', () => {
  it('may be the same for staff of two providers (one person, two employers)', async () => {
    const body = (providerId: string) => ({
      providerId,
      givenName: 'Dubbel',
      familyName: 'Anställd',
      employmentStartsOn: '2026-01-01',
      identityNumber: '19121212-1212',
    });
    expect((await admin.post('/api/v1/staff', body(world.provider.a))).status).toBe(201);
    expect((await admin.post('/api/v1/staff', body(world.provider.b))).status).toBe(201);
    snapshot = await countRows();
    const again = await admin.post('/api/v1/staff', body(world.provider.a));
    expectError(again, 409, 'already_exists');
    expect(again.body.details).toEqual({ field: 'identityNumber' });
  });

  it('are stored encrypted, never listed, and can be matched exactly', async () => {
    const identityNumber = '19121212-1212';
    const created = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Tolvan',
      familyName: 'Tolvansson',
      identityNumber,
    });
    expect(created.status).toBe(201);
    snapshot = await countRows();
    expect(created.body.hasIdentityNumber).toBe(true);
    expect(JSON.stringify(created.body)).not.toContain('1212-1212');
    const list = await admin.get('/api/v1/customers?limit=500');
    expect(JSON.stringify(list.body)).not.toContain('121212');
    const match = await admin.get(`/api/v1/customers?identityNumber=191212121212`);
    expect(match.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const { rows } = await server.db.pool.query<{ identity_number_encrypted: Buffer }>(
      'SELECT identity_number_encrypted FROM customer WHERE id = $1',
      [created.body.id],
    );
    expect(rows[0]!.identity_number_encrypted.toString('latin1')).not.toContain('191212121212');
    const audit = await server.db.pool.query('SELECT after::text FROM audit_entry WHERE entity_id = $1', [
      created.body.id,
    ]);
    expect(audit.rows[0].after).not.toContain('121212');
  });
});
