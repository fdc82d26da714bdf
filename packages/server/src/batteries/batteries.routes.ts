// Battery forecasts, battery changes and battery rounds (R2.4, docs/batteries.md); the use cases
// are the files beside this one.
import {
  BatteryChange,
  BatteryChangeBody,
  BatteryChangeList,
  BatteryForecastList,
  BatteryRoundBody,
  BatteryRoundPlan,
  LockBattery,
  batteryListSorts,
  maxForecastWeeks,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { listBatteryChanges } from './list-battery-changes';
import { listBatteryForecast } from './list-battery-forecast';
import { planBatteryRound } from './plan-battery-round';
import { readLockBattery } from './read-lock-battery';
import { recordBatteryChange } from './record-battery-change';

/** Route templates this file adds (role × scope in batteries.test.ts). */
export const batteryRouteTemplates = [
  'GET /api/v1/battery-forecast',
  'GET /api/v1/locks/{id}/battery',
  'GET /api/v1/locks/{id}/battery-changes',
  'POST /api/v1/locks/{id}/battery-changes',
  'POST /api/v1/battery-rounds',
];

const weeks = `Weeks ahead, 1–${maxForecastWeeks}; outside that 422 \`out_of_range\`.`;

export function registerBatteryRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['batteries'], context, pathParams: 'uuid' });
  routes.get('/api/v1/battery-forecast', {
    summary: 'Locks due for a battery change',
    description:
      'Installed locks whose battery reaches the municipality’s threshold (setting `batteryThresholdPercent`, default 20) within `withinWeeks`, and/or whose level is at most `maxLevel` (neither given: within 4 weeks), soonest first (`sort=batteryLevel`: lowest first), with the rate and how sure the forecast is; `q` searches address, property and serial. A lock whose forecast is unknown is due when its level is already at the threshold. At most 1000 rows. Locks, doors and addresses only: never customers. Property owners get 403.',
    querystring: Type.Object(
      {
        withinWeeks: Type.Optional(Type.Integer({ description: weeks })),
        maxLevel: Type.Optional(
          Type.Integer({ description: 'Only locks whose latest level is at most this per cent (0–100).' }),
        ),
        q: Type.Optional(
          Type.String({ maxLength: 100, description: 'Part of the address, property or serial.' }),
        ),
        sort: Type.Optional(Type.Enum([...batteryListSorts], { default: 'dueAt' })),
        districtId: Type.Optional(Type.String({ format: 'uuid' })),
        teamId: Type.Optional(
          Type.String({
            format: 'uuid',
            description: 'Only locks on the way in to customers the team serves.',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    response: BatteryForecastList,
    permission: ['battery_forecast', 'read'],
    handle: callUseCase(listBatteryForecast, inputFrom.query),
  });
  routes.get('/api/v1/locks/:id/battery', {
    summary: 'A lock’s battery: daily levels, the fitted line, the forecast and the changes',
    response: LockBattery,
    permission: ['battery_forecast', 'read'],
    handle: callUseCase(readLockBattery, inputFrom.params),
  });
  routes.get('/api/v1/locks/:id/battery-changes', {
    summary: 'Battery changes of a lock, newest first',
    response: BatteryChangeList,
    permission: ['battery_forecast', 'read'],
    handle: callUseCase(listBatteryChanges, inputFrom.params),
  });
  routes.post('/api/v1/locks/:id/battery-changes', {
    summary: 'Record a battery change',
    description:
      'By an installer, the home-care team (`teamId`) or the lock manager’s people, optionally under a work order; never ahead of time (422 `changed_in_future`). The forecast fits only readings after the newest change. Rows are never changed. Audited (`create`, `battery_change`).',
    body: BatteryChangeBody,
    response: BatteryChange,
    status: 201,
    permission: ['lock_device', 'update'],
    handle: callUseCase(recordBatteryChange, inputFrom.bodyWithId()),
  });
  routes.post('/api/v1/battery-rounds', {
    summary: 'Plan a battery round',
    description:
      'The locks of a district (or on the way in to the customers a team serves) due within `withinWeeks` of `startAt`, as one batch of `battery` work orders (`origin` battery_round, one `batch_id`, `batch_position` in visiting order: by property, a nearest-neighbour tour improved by 2-opt; properties without coordinates last). Doors with an open battery order are left out and listed. Apartment doors’ orders note that a time must be booked with the customer. `?dryRun=true` answers the plan (200) and writes nothing; otherwise 201, each order audited. Nothing due: 422 `nothing_due`.',
    querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    body: BatteryRoundBody,
    response: BatteryRoundPlan,
    status: 201,
    permission: ['work_order', 'create'],
    handle: async ({ request, reply, options }) => {
      const isDryRun = request.query.dryRun === true;
      const plan = await planBatteryRound({ ...options, input: { ...request.body, isDryRun } });
      return isDryRun ? reply.status(200).send(plan) : plan;
    },
  });
}
