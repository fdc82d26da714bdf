// The console's live view (docs/live.md): today's district as `GET /api/v1/live/district` answers
// it, and the payloads of `GET /api/v1/live/stream`'s server-sent events (`record` is the event
// list's own row shape, `lock` a lock's state, `clock` the server's clock).
import { Type, type Static } from 'typebox';
import { EventRow } from './events';
import { orNull } from './schema-parts';

const Instant = Type.String({ format: 'date-time' });

/** One lock as the live view shows it: its place, the block list it has, when heard, today's use. */
export const LiveLock = Type.Object({
  lockDeviceId: Type.String(),
  propertyId: Type.String(),
  doorId: Type.String(),
  doorLabel: Type.String(),
  doorKind: Type.String(),
  lockType: Type.String(),
  lockNumber: orNull(Type.Integer()),
  lockSerial: orNull(Type.String(), { description: 'For roles that read locks' }),
  blockListVersion: orNull(
    Type.Integer({ description: 'The block-list version the newest record carrying one reported' }),
  ),
  lastHeardAt: orNull(Instant, { description: 'When the newest record the lock wrote happened' }),
  battery: orNull(Type.Integer({ minimum: 0, maximum: 100 })),
  openingsToday: Type.Integer(),
  refusalsToday: Type.Integer(),
});
export type LiveLock = Static<typeof LiveLock>;

export const LiveProperty = Type.Object({
  id: Type.String(),
  designation: Type.String(),
  streetAddress: Type.String(),
  latitude: orNull(Type.Number()),
  longitude: orNull(Type.Number()),
  locks: Type.Array(LiveLock),
});
export type LiveProperty = Static<typeof LiveProperty>;

export const LiveDistrict = Type.Object({
  clock: Instant,
  /** The local day "today" is (Europe/Stockholm) and the instants it runs between. */
  day: Type.String({ format: 'date' }),
  dayFrom: Instant,
  dayTo: Instant,
  blockListVersion: Type.Integer({ description: 'The municipality’s current block-list version' }),
  properties: Type.Array(LiveProperty),
  /** Today's newest events the caller may see, newest first (the event list's rows). */
  events: Type.Array(EventRow),
});
export type LiveDistrict = Static<typeof LiveDistrict>;

/** `event: clock` and the stream's first message: the server's clock (accelerated in the demo). */
export const LiveClock = Type.Object({ clock: Instant, blockListVersion: Type.Integer() });
export type LiveClock = Static<typeof LiveClock>;

/** The names of the stream's events. */
export const liveStreamEvents = ['record', 'lock', 'clock'] as const;
export type LiveStreamEvent = (typeof liveStreamEvents)[number];
