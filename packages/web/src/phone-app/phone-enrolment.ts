// Enrolling the phone (docs/device-gateway.md "Enrolment"): a phone enrols through the same
// `POST /api/v1/devices` as every device, by its provider's work lead (or the lock side), never by
// the staff member alone. So at first use the work lead signs in on the phone being handed out,
// picks the staff member's registered phone, and the app sends its new public key; the work lead's
// session ends right after. Nothing but the public half leaves the phone.
import type { DigitalKeyRow, EnrolReply, LoginResponse } from '@portvakt/contract';
import type { Static } from 'typebox';
import { requestApi, type Page } from '../shared/api-client';
import { createPhoneKey } from './phone-session';
import { writeStoredPhone, type StoredPhone } from './phone-store';

type PhoneKeyRow = DigitalKeyRow;

/** How many phones one request lists; a provider with more is read page by page. */
const phonesPerPage = 100;

/**
 * Signs the work lead in (a console session) and lists every registered phone of their provider:
 * all pages, since the one being handed out may sort after the first hundred.
 */
export async function startEnrolment(username: string, password: string): Promise<PhoneKeyRow[]> {
  const login = await requestApi<Static<typeof LoginResponse>>('POST', '/auth/login', { username, password });
  if (login.user.role !== 'work_lead' && login.user.role !== 'municipality_admin') {
    await endEnrolment();
    throw new Error('not-work-lead');
  }
  const phones: PhoneKeyRow[] = [];
  let cursor: string | number | null = null;
  do {
    const query = new URLSearchParams({ kind: 'phone', status: 'active', limit: String(phonesPerPage) });
    if (cursor !== null) query.set('cursor', String(cursor));
    const page: Page<PhoneKeyRow> = await requestApi<Page<PhoneKeyRow>>('GET', `/keys?${query.toString()}`);
    phones.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return phones;
}

/** Ends the work lead's session on this phone. */
export async function endEnrolment(): Promise<void> {
  await requestApi('POST', '/auth/logout').catch(() => undefined);
}

/**
 * Makes the phone's key and enrols it as the chosen phone; keeps the key pair and the issuer keys
 * the answer names in IndexedDB. Enrolling again replaces an earlier phone's key for that entry.
 */
export async function enrolPhone(key: PhoneKeyRow): Promise<StoredPhone> {
  const { keyPair, publicJwk } = await createPhoneKey();
  const reply = await requestApi<Static<typeof EnrolReply>>('POST', '/devices', {
    kind: 'phone',
    keyId: key.id,
    publicJwk,
    label: `Telefonapp ${key.serial}`,
  });
  const stored: StoredPhone = {
    keyId: key.id,
    keyPair,
    issuerKeys: reply.issuerKeys.map((issuer) => ({ kid: issuer.kid, jwk: issuer.jwk as JsonWebKey })),
    holderName: key.holderName ?? null,
    enrolledAt: reply.enrolment.enrolledAt,
    username: null,
    holder: null,
    chainStart: reply.chainStart,
    code: null,
    wrongCodes: 0,
    lastActiveAt: Date.now(),
  };
  await writeStoredPhone(stored);
  await endEnrolment();
  return stored;
}
