// Alarms over HTTP (docs/visits.md "Alarm response times"): the alarm receiver posts alarms; the
// municipality and providers read response times per month.
import { AlarmBatch, AlarmResponseReport, CompensationRunQuery } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { readAlarmResponseTimes } from './read-alarm-response-times';
import { recordAlarms } from './record-alarms';

export const alarmRouteTemplates = ['POST /api/v1/alarms', 'GET /api/v1/alarm-response-times'];

export function registerAlarmRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'], context });
  routes.post('/api/v1/alarms', {
    summary: 'Alarms from the alarm receiver, stored once each by its id',
    body: AlarmBatch,
    response: Type.Object({ created: Type.Integer(), unchanged: Type.Integer() }),
    handle: callUseCase(recordAlarms, inputFrom.body),
  });

  routes.get('/api/v1/alarm-response-times', {
    summary: 'Median and 90th percentile response times per district and provider, and unanswered alarms',
    querystring: Type.Required(CompensationRunQuery, { additionalProperties: false }),
    response: AlarmResponseReport,
    handle: callUseCase(readAlarmResponseTimes, inputFrom.query),
  });
}
