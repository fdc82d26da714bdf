// The visiting order of a battery round (R2.4, docs/batteries.md): the locks of one property are
// changed in one visit, and the properties are visited along a short path: a nearest-neighbour
// tour improved by 2-opt over their coordinates. Properties without coordinates cannot be placed
// on the path and go last, by address.

export interface RoundStop {
  /** The property visited. */
  id: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

const earthRadiusKm = 6371;

/** Great-circle distance in kilometres between two stops with coordinates. */
export function measureDistanceKm(a: RoundStop, b: RoundStop): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude! - a.latitude!);
  const dLon = toRadians(b.longitude! - a.longitude!);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude!)) * Math.cos(toRadians(b.latitude!)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length in kilometres of an open path through the stops in the given order. */
export function measurePathKm(stops: readonly RoundStop[]): number {
  let total = 0;
  for (let index = 1; index < stops.length; index += 1)
    total += measureDistanceKm(stops[index - 1]!, stops[index]!);
  return total;
}

function orderNearestNeighbour(stops: readonly RoundStop[]): RoundStop[] {
  const left = [...stops.slice(1)];
  const path = [stops[0]!];
  while (left.length > 0) {
    const last = path[path.length - 1]!;
    let nearest = 0;
    for (let index = 1; index < left.length; index += 1)
      if (measureDistanceKm(last, left[index]!) < measureDistanceKm(last, left[nearest]!)) nearest = index;
    path.push(left.splice(nearest, 1)[0]!);
  }
  return path;
}

/** Reverses segments of the open path while that shortens it (the first stop stays first). */
function improveTwoOpt(path: RoundStop[]): RoundStop[] {
  const order = [...path];
  const distance = (i: number, j: number) => measureDistanceKm(order[i]!, order[j]!);
  let isImproved = true;
  for (let pass = 0; isImproved && pass < 100; pass += 1) {
    isImproved = false;
    for (let i = 1; i < order.length - 1; i += 1)
      for (let j = i + 1; j < order.length; j += 1) {
        // Reversing order[i..j] swaps edges (i-1, i) and (j, j+1) for (i-1, j) and (i, j+1).
        const before = distance(i - 1, i) + (j + 1 < order.length ? distance(j, j + 1) : 0);
        const after = distance(i - 1, j) + (j + 1 < order.length ? distance(i, j + 1) : 0);
        if (after < before - 1e-9) {
          order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
          isImproved = true;
        }
      }
  }
  return order;
}

/**
 * Orders a round's properties for visiting: those with coordinates as a short open path starting
 * at the first of them in the given order (callers put the most urgent first), never longer than
 * the given order; those without coordinates after them, by address.
 */
export function orderRoundStops<Stop extends RoundStop>(stops: readonly Stop[]): Stop[] {
  const placed = stops.filter((stop) => stop.latitude !== null && stop.longitude !== null);
  const unplaced = stops
    .filter((stop) => stop.latitude === null || stop.longitude === null)
    .sort((a, b) => a.address.localeCompare(b.address, 'sv'));
  if (placed.length <= 2) return [...placed, ...unplaced];
  const fromNeighbours = improveTwoOpt(orderNearestNeighbour(placed));
  const fromGiven = improveTwoOpt([...placed]);
  const shortest = measurePathKm(fromNeighbours) <= measurePathKm(fromGiven) ? fromNeighbours : fromGiven;
  return [...(shortest as Stop[]), ...unplaced];
}

/**
 * Whether a battery round's stop (and the order made for it) needs a time booked with the
 * customer first: an apartment door, where the customer is home (docs/batteries.md). The order
 * answers it as a fact, `needsCustomerBooking`, which the console words; no note is written.
 */
export function needsCustomerBooking(order: { origin: string; doorKind: string }): boolean {
  return order.origin === 'battery_round' && order.doorKind === 'apartment_door';
}
