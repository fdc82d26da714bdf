// Helpers for end-to-end tests that drive the API and enrol simulated devices through it.
import {
  createKeyRing,
  exportPublicJwk,
  generateSigningKeyPair,
  hexToBytes,
  importPublicJwk,
  type KeyRing,
  type PublicJwk,
} from '@portvakt/protocol';
import type { ApiClient, ApiResponse } from '@portvakt/server/testing';

/** Creates a registry record through the API; throws with the API's answer unless 201. */
export async function createRecord(
  client: ApiClient,
  path: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await client.post(`/api/v1/${path}`, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/**
 * A team membership that has run since `since`, as a world built at a later fixed instant needs:
 * the API refuses a start before today (docs/permissions.md "Changing permissions"), so the
 * membership is made through it from now and its start then moved back in the database, as if it
 * had been made on that day.
 */
export async function createMembershipSince(
  client: ApiClient,
  pool: { query: (sql: string, values: unknown[]) => Promise<unknown> },
  body: { teamId: string; staffMemberId: string },
  since: string,
): Promise<string> {
  const id = await createRecord(client, 'team-memberships', body);
  await pool.query('UPDATE team_membership SET valid_from = $2 WHERE id = $1', [id, since]);
  return id;
}

/** Makes a device key pair and enrols its public half; the answer is returned as it came. */
export async function enrolDevice(
  client: ApiClient,
  body: Record<string, unknown>,
): Promise<{ response: ApiResponse; keyPair: CryptoKeyPair }> {
  const keyPair = await generateSigningKeyPair();
  const response = await client.post('/api/v1/devices', {
    ...body,
    publicJwk: await exportPublicJwk(keyPair.publicKey),
  });
  return { response, keyPair };
}

/** The issuer key ring an enrolment answer tells the device to trust. */
export async function ringFromEnrolment(response: ApiResponse): Promise<KeyRing> {
  return createKeyRing(
    await Promise.all(
      (response.body.issuerKeys as Array<{ kid: string; jwk: PublicJwk }>).map(
        async (key) => [hexToBytes(key.kid), await importPublicJwk(key.jwk)] as const,
      ),
    ),
  );
}
