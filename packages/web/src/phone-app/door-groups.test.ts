import { describe, expect, it } from 'vitest';
import { groupDoorsByAddress } from './door-groups';
import type { TicketDoor } from './phone-session';

const door = (lock: number, doorLabel?: string, address: string | null = null): TicketDoor => ({
  lock,
  isOpenNow: true,
  isAlways: true,
  info:
    doorLabel === undefined ? undefined : { lockId: `lock-${lock}`, lockNumber: lock, doorLabel, address },
});

describe('groupDoorsByAddress', () => {
  it('groups by street address in Swedish order, numbers by value, doors by label, unknown addresses last', () => {
    const groups = groupDoorsByAddress([
      door(1, 'Port A', 'Storgatan 10'),
      door(2, 'Lgh 1102', 'Västergatan 4'),
      door(3),
      door(4, 'Port A', 'Storgatan 2'),
      door(5, 'Lgh 1101', 'Västergatan 4'),
      door(6, 'Port A', 'Västergatan 4'),
      door(7, 'Tvättstuga', null),
      door(8, 'Port B', 'Östra vägen 1'),
    ]);
    expect(groups.map((group) => [group.address, group.doors.map((d) => d.lock)])).toEqual([
      ['Storgatan 2', [4]],
      ['Storgatan 10', [1]],
      ['Västergatan 4', [5, 2, 6]],
      ['Östra vägen 1', [8]],
      [undefined, [3, 7]],
    ]);
  });
});
