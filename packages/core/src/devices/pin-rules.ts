// The rules around a key's PIN and a phone's login that the gateway applies (R1.3, R10).

/** Wrong PINs in a row that lock the PIN until a work lead hands out a reset code. */
export const maxPinFailures = 5;

/** Wrong tries at one 8-digit reset code that burn it: a code cannot be guessed that way. */
export const maxResetCodeFailures = 3;

/** A phone's login is its activation; its ticket lasts one shift, so a modified app cannot stretch it. */
export const phoneShiftHours = 12;

/** What the server answers to a PIN attempt, from the PIN's state and the check. */
export type PinVerdict = 'ok' | 'no-pin' | 'locked' | 'wrong';

/** The verdict before the attempt is counted: a key without PIN or with a locked PIN is refused. */
export function judgePinBeforeCounting(pin: {
  hasVerifier: boolean;
  isLocked: boolean;
  failures: number;
}): 'no-pin' | 'locked' | undefined {
  if (!pin.hasVerifier) return 'no-pin';
  if (pin.isLocked || pin.failures >= maxPinFailures) return 'locked';
  return undefined;
}

/** The verdict once the attempt is counted: the wrong PIN that reaches the limit locks it. */
export function judgeCountedPin(isCorrect: boolean, failuresAfter: number): PinVerdict {
  if (isCorrect) return 'ok';
  return failuresAfter >= maxPinFailures ? 'locked' : 'wrong';
}

/** Whether a reset code with this many wrong tries is burnt. */
export function isResetCodeBurnt(failures: number): boolean {
  return failures >= maxResetCodeFailures;
}
