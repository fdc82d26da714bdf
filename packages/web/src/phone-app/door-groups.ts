// The phone's doors by street address (docs/phone-app.md "Doors"): a carer looks for the customer's
// building, not for a lock number, and a building's entrance, apartment doors and shared rooms
// belong together. Doors the phone has no name for yet (no network since the ticket) come last.
import type { TicketDoor } from './phone-session';

export interface DoorGroup {
  /** The building's street address; undefined for doors not named yet. */
  address: string | undefined;
  doors: TicketDoor[];
}

const compare = new Intl.Collator('sv', { numeric: true }).compare;

export function groupDoorsByAddress(doors: readonly TicketDoor[]): DoorGroup[] {
  const groups = new Map<string | undefined, TicketDoor[]>();
  for (const door of doors) {
    const address = door.info ? door.info.address || undefined : undefined;
    groups.set(address, [...(groups.get(address) ?? []), door]);
  }
  return [...groups]
    .map(([address, members]) => ({
      address,
      doors: members.sort(
        (a, b) => compare(a.info?.doorLabel ?? '', b.info?.doorLabel ?? '') || a.lock - b.lock,
      ),
    }))
    .sort((a, b) =>
      a.address === undefined ? 1 : b.address === undefined ? -1 : compare(a.address, b.address),
    );
}
