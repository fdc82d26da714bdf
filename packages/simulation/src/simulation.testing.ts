// A small district run for tests: fixed seed, fixed start instant (never today's date).
import type { DistrictParameters } from './district-parameters';
import { smallDistrictParameters } from './district-parameters';
import type { InProcessDistrictIssuerOptions } from './district-issuer';
import { createInProcessDistrictIssuer } from './district-issuer';
import { generateDistrict } from './generate-district';
import type { KeyLossPlan } from './simulation-options';
import { DistrictSimulation } from './simulation';
import { SimulationClock } from './simulation-clock';
import type { SimulationEvent } from './simulation-events';

/** Monday 2 March 2026, 00:00 UTC. */
export const testStart = Date.UTC(2026, 2, 2) / 1000;

export async function createTestRun(
  options: {
    seed?: number;
    parameters?: DistrictParameters;
    losses?: KeyLossPlan;
    alarmRate?: number;
    issuer?: Partial<InProcessDistrictIssuerOptions>;
  } = {},
) {
  const district = generateDistrict(options.seed ?? 11, options.parameters ?? smallDistrictParameters);
  const clock = new SimulationClock(testStart);
  const issuer = await createInProcessDistrictIssuer({
    municipality: district.municipality,
    world: clock,
    ...options.issuer,
  });
  const simulation = await DistrictSimulation.create({
    district,
    issuer,
    clock,
    ...(options.losses ? { losses: options.losses } : {}),
    ...(options.alarmRate === undefined ? {} : { alarmRate: options.alarmRate }),
  });
  const events: SimulationEvent[] = [];
  simulation.subscribe((event) => events.push(event));
  return { district, clock, issuer, simulation, events };
}
