// The typed stream a run emits: what a live view draws and what the exposure bench measures.
// Times (`at`) are simulated seconds since the epoch; locks are named by their lock number, keys
// and phones by their device id in hex.
import type { HolderKind, ShiftName } from './district';

export type VisitPurpose = 'home-care' | 'night-patrol' | 'alarm';

export type SimulationEvent =
  | {
      type: 'shift-started';
      at: number;
      staff: string;
      team: string;
      shift: ShiftName;
      holder: HolderKind;
      keyId: string;
      /** online: fresh ticket; offline: the ticket held (issuer unreachable); refused: no shift. */
      mode: 'online' | 'offline' | 'refused';
      reason?: string;
      blockListVersion: number;
    }
  | { type: 'shift-ended'; at: number; staff: string; team: string; recordsUploaded: number }
  | {
      type: 'opening';
      at: number;
      lock: number;
      property: string;
      customer?: string;
      staff: string;
      holder: HolderKind;
      keyId: string;
      purpose: VisitPurpose;
      isOpen: boolean;
      reason?: string;
    }
  | {
      type: 'visit';
      at: number;
      customer: string;
      staff: string;
      purpose: VisitPurpose;
      /** Planned time (alarms: when raised). */
      plannedAt: number;
      departedAt: number;
      isInside: boolean;
    }
  | {
      /**
       * A lock learned blocks: `version` is the block-list version it holds now; `keys` the blocked
       * keys it took from a ticket's entries (§5 of docs/protocol.md), empty when it only moved
       * version (a signed list handed on, or a ticket with no entries it lacked).
       */
      type: 'block-list-learned';
      at: number;
      lock: number;
      version: number;
      keys: string[];
      via: 'ticket' | 'signed-list';
    }
  | { type: 'battery'; at: number; lock: number; percent: number }
  | { type: 'battery-replaced'; at: number; lock: number }
  | { type: 'alarm-raised'; at: number; customer: string }
  | { type: 'alarm-answered'; at: number; customer: string; staff: string; responseSeconds: number }
  | { type: 'alarm-unanswered'; at: number; customer: string }
  | { type: 'key-lost'; at: number; staff: string; holder: HolderKind; keyId: string }
  | {
      type: 'key-blocked';
      at: number;
      staff: string;
      holder: HolderKind;
      keyId: string;
      /** The block-list version that carries the block. */
      version: number;
      /** Expiry of the ticket the lost key holds: its exposure ends there whatever locks know. */
      ticketExpiresAt: number | null;
      /**
       * End of the lost key's activation (activation time + the ticket's shift): after it every
       * lock refuses the key as activation-expired unless someone re-activates it with its PIN,
       * which the issuer refuses (blocked) and a box allows offline only when the issuer is down.
       */
      activatedUntil: number | null;
      /** The locks that ticket lets it open. */
      locks: number[];
    }
  | { type: 'key-replaced'; at: number; staff: string; holder: HolderKind; keyId: string };

export type SimulationEventType = SimulationEvent['type'];
export type SimulationListener = (event: SimulationEvent) => void;
