// The two WebAuthn ceremonies, checked by SimpleWebAuthn: options with a fresh challenge stored
// in the database (single use, minutes long), and the verification of the answer against it.
// A challenge is taken on its own, outside the write that follows, so an answer that fails
// verification has still used it up: no second try with the same challenge, ever.
import type { PasskeyCeremony, PasskeyRegistration } from '@portvakt/contract';
import { checkPasskeyName, passkeyChallengeSeconds } from '@portvakt/core';
import {
  findPasskeyOwnerId,
  insertPasskeyChallenge,
  listStoredPasskeys,
  takePasskeyChallenge,
  type NewPasskey,
  type PasskeyPurpose,
  type Queryable,
} from '@portvakt/storage';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { ApiError, refuseText } from '../platform/errors';
import type { RelyingParty } from './passkey-relying-party';

/** What a passkey's answer is checked as: the browser's WebAuthn JSON. */
export type WebAuthnAnswer = { id: string; rawId: string; type: 'public-key' } & Record<string, unknown>;

export const challengeInvalid = () =>
  new ApiError(
    400,
    'passkey_challenge_invalid',
    'This passkey request is unknown, already used or expired; start again.',
  );

/** The bytes of a user id as WebAuthn's user handle: the account's UUID, never its name. */
function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replace(/-/g, ''), 'hex'));
}

/** Starts registering a passkey for `user`: a resident, user-verified credential, none of theirs twice. */
export async function startRegistrationCeremony(
  db: Queryable,
  rp: RelyingParty,
  user: { id: string; municipalityId: string; username: string; displayName: string },
  purpose: Extract<PasskeyPurpose, 'register' | 'enrol'>,
): Promise<PasskeyCeremony> {
  const existing = await listStoredPasskeys(db, user.municipalityId, user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.displayName,
    userID: userHandle(user.id),
    timeout: passkeyChallengeSeconds * 1000,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    // Discoverable, so it can sign in without a username; verified, so it is the person, not just the device.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = await insertPasskeyChallenge(db, {
    challenge: options.challenge,
    purpose,
    userId: user.id,
    seconds: passkeyChallengeSeconds,
  });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/**
 * Verifies a registration answer for `user` against the challenge it names (taken now, whatever
 * the outcome) and returns the passkey to store. Refusals: 422 for a name the rules refuse
 * (checked first, so it leaves the challenge for another try); 400 for a challenge that is unknown,
 * used, expired or someone else's; 400 `passkey_refused` for an attestation that does not verify
 * (wrong origin, wrong challenge, no user verification); 409 for a credential already registered.
 */
export async function verifyRegistrationCeremony(
  db: Queryable,
  rp: RelyingParty,
  user: { id: string; municipalityId: string },
  purpose: Extract<PasskeyPurpose, 'register' | 'enrol'>,
  answer: PasskeyRegistration,
): Promise<NewPasskey> {
  const refusal = checkPasskeyName(answer.name);
  // The schema already bounds the name's length; what is left is a name that is only spaces.
  if (refusal) throw refuseText('body.name', 'blank', refusal.message);
  const taken = await takePasskeyChallenge(db, answer.challengeId, purpose);
  if (!taken || taken.userId !== user.id) throw challengeInvalid();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: answer.response as unknown as RegistrationResponseJSON,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch (error) {
    throw new ApiError(400, 'passkey_refused', `The passkey was refused: ${(error as Error).message}`);
  }
  if (!verification.verified) throw new ApiError(400, 'passkey_refused', 'The passkey was refused.');
  const info = verification.registrationInfo;
  if (await findPasskeyOwnerId(db, info.credential.id))
    throw new ApiError(409, 'passkey_already_registered', 'This passkey is already registered.');
  return {
    municipalityId: user.municipalityId,
    userId: user.id,
    credentialId: info.credential.id,
    publicKey: info.credential.publicKey,
    signCount: info.credential.counter,
    transports: info.credential.transports ?? [],
    name: answer.name.trim(),
    deviceType: info.credentialDeviceType,
    isBackedUp: info.credentialBackedUp,
  };
}

/**
 * Starts a sign-in. Without a username any discoverable passkey may answer; with one, only that
 * account's. An unknown name gets the same kind of answer as a known one (no allowed
 * credentials are listed for it), so the options do not tell which accounts exist.
 */
export async function startSignInCeremony(
  db: Queryable,
  rp: RelyingParty,
  user: { id: string; municipalityId: string } | undefined,
): Promise<PasskeyCeremony> {
  const passkeys = user ? await listStoredPasskeys(db, user.municipalityId, user.id) : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: passkeyChallengeSeconds * 1000,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
  const challengeId = await insertPasskeyChallenge(db, {
    challenge: options.challenge,
    purpose: 'sign_in',
    userId: user?.id ?? null,
    seconds: passkeyChallengeSeconds,
  });
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/** Verifies an assertion against a stored passkey and a taken challenge; the new counter, or why not. */
export async function verifyAssertion(
  rp: RelyingParty,
  answer: WebAuthnAnswer,
  challenge: string,
  passkey: { credentialId: string; publicKey: Buffer; signCount: number; transports: string[] },
): Promise<{ newCount: number; isBackedUp: boolean } | { refusal: string }> {
  try {
    const verification = await verifyAuthenticationResponse({
      response: answer as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.signCount,
        transports: passkey.transports,
      },
    });
    if (!verification.verified) return { refusal: 'not verified' };
    return {
      newCount: verification.authenticationInfo.newCounter,
      isBackedUp: verification.authenticationInfo.credentialBackedUp,
    };
  } catch (error) {
    return { refusal: (error as Error).message };
  }
}
