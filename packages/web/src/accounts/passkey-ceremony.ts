// The browser's half of the passkey ceremonies (SimpleWebAuthn's browser library over
// navigator.credentials): ask the server for options, let the authenticator answer, send the
// answer back. Refusals of the browser itself (cancelled, timed out) come back as one code.
import type { PasskeyCeremony } from '@portvakt/contract';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { ApiRequestError, postApi } from '../shared/api-client';

/** The browser refused or the person cancelled: no request reached the server. */
export class PasskeyBrowserError extends Error {
  constructor(readonly reason: 'unsupported' | 'cancelled') {
    super(reason);
  }
}

async function inBrowser<T>(work: () => Promise<T>): Promise<T> {
  if (!browserSupportsWebAuthn()) throw new PasskeyBrowserError('unsupported');
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiRequestError) throw error;
    throw new PasskeyBrowserError('cancelled');
  }
}

/** Registers a passkey: options from `optionsPath`, the answer with its name to `answerPath`. */
export async function createPasskey<T>(optionsPath: string, answerPath: string, name: string): Promise<T> {
  const ceremony = await postApi<PasskeyCeremony>(optionsPath, undefined);
  const response = await inBrowser(() =>
    startRegistration({ optionsJSON: ceremony.options as unknown as PublicKeyCredentialCreationOptionsJSON }),
  );
  return postApi<T>(answerPath, { challengeId: ceremony.challengeId, name, response });
}

/** Signs in with a passkey, any discoverable one, or after `username` only that account's. */
export async function signInWithPasskey(username: string | undefined): Promise<void> {
  const ceremony = await postApi<PasskeyCeremony>('/auth/passkey/options', username ? { username } : {});
  const response = await inBrowser(() =>
    startAuthentication({
      optionsJSON: ceremony.options as unknown as PublicKeyCredentialRequestOptionsJSON,
    }),
  );
  await postApi('/auth/passkey', { challengeId: ceremony.challengeId, response });
}
