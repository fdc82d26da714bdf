// The personal code that unlocks the app after it has locked itself (like the apps municipalities
// use today): checked on the phone without a network against a verifier kept on the phone,
// PBKDF2-SHA-256 through WebCrypto with a random salt. A code has few digits, so the verifier alone
// would fall to a search; what protects it is that the app erases its key after `maxWrongCodes`
// wrong tries in a row, and that the key is useless without a ticket, which expires.

export interface CodeVerifier {
  salt: Uint8Array;
  hash: Uint8Array;
  iterations: number;
}

/** Wrong codes in a row before the app erases its key and ticket. */
export const maxWrongCodes = 5;
/** Minutes without a touch before the app locks. */
export const idleLockMinutes = 5;
const iterations = 200_000;

/** 4 to 8 digits, not all the same digit and not a plain run up or down (1234, 9876). */
export function isAcceptableCode(code: string): boolean {
  if (!/^\d{4,8}$/.test(code)) return false;
  if (/^(\d)\1+$/.test(code)) return false;
  const steps = [...code].slice(1).map((digit, i) => Number(digit) - Number(code[i]));
  return !steps.every((step) => step === 1) && !steps.every((step) => step === -1);
}

async function deriveHash(code: string, salt: Uint8Array, rounds: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds },
    material,
    256,
  );
  return new Uint8Array(bits);
}

export async function createCodeVerifier(code: string): Promise<CodeVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt, hash: await deriveHash(code, salt, iterations), iterations };
}

export async function isCodeCorrect(code: string, verifier: CodeVerifier): Promise<boolean> {
  const hash = await deriveHash(code, verifier.salt, verifier.iterations);
  // Compared in full whatever differs first; there is no remote caller to time it, but it costs nothing.
  let difference = hash.length ^ verifier.hash.length;
  for (let i = 0; i < hash.length; i += 1) difference |= hash[i]! ^ (verifier.hash[i] ?? 0);
  return difference === 0;
}
