// The lines `portvakt demo` prints for the moments worth watching (docs/demo.md). Locks, keys and
// people are named as the console names them, so a visitor can find what a line is about: the
// simulation's own lock numbers and hex device ids appear nowhere in the console.
import { bytesToUuid, hexToBytes } from '@portvakt/protocol';
import type { SimulationEvent } from '@portvakt/simulation';

export interface DemoNames {
  /** A district lock as the console shows it: serial, property and door ("PV-CR-000049, Bagaren 3 Port B"). */
  lockNameOf: (lockNumber: number) => string;
  staffNameOf: (staffId: string) => string;
  teamNameOf: (teamId: string) => string;
}

const clockText = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');

/** The line for one event, or undefined when it has none; `blockedVersion` is the first block's. */
export function sayDemoEvent(
  event: SimulationEvent,
  names: DemoNames,
  blockedVersion: number,
): string | undefined {
  const at = `[${clockText(event.at)}]`;
  const lock = (lockNumber: number) => `lock ${names.lockNameOf(lockNumber)}`;
  switch (event.type) {
    case 'opening':
      return event.isOpen
        ? undefined
        : `${at} ${lock(event.lock)}: refused the ${event.holder} of ${names.staffNameOf(event.staff)} (${event.reason}, ${event.purpose})`;
    case 'alarm-raised':
      return `${at} safety alarm from a customer`;
    case 'alarm-answered':
      return `${at} alarm patrol arrived after ${Math.round(event.responseSeconds / 60)} min`;
    case 'alarm-unanswered':
      // The demo's alarm group (Larmgrupp Dag) works the day shift only; say so rather than
      // leave an alarm without its answer line.
      return `${at} no alarm patrol on duty to answer it (the alarm group works the day shift)`;
    case 'shift-started':
      return event.mode === 'online'
        ? undefined
        : `${at} ${event.shift} shift start ${event.mode} for ${names.staffNameOf(event.staff)} (${names.teamNameOf(event.team)})${event.reason ? `: ${event.reason}` : ''}`;
    case 'key-lost':
      // The device id is the digital key's id, which the console shows as a UUID.
      return `${at} a ${event.holder} of ${names.staffNameOf(event.staff)} was lost (key ${bytesToUuid(hexToBytes(event.keyId))})`;
    case 'key-blocked':
      return `${at} the work lead blocked it: block list version ${event.version}, ${event.locks.length} locks to learn it`;
    case 'block-list-learned':
      return event.version >= blockedVersion
        ? `${at} ${lock(event.lock)}: learned block list version ${event.version} (via ${event.via})`
        : undefined;
    case 'battery-replaced':
      return `${at} battery replaced in ${lock(event.lock)}`;
    default:
      return undefined;
  }
}
