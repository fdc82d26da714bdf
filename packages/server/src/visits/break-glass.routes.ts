// Break-glass openings over HTTP (docs/visits.md "Break-glass"): the work lead lists the openings
// only an alarm's break-glass window allowed and reviews each with a comment.
import {
  BreakGlassOpening,
  BreakGlassOpeningList,
  BreakGlassOpeningParams,
  BreakGlassOpeningQuery,
  ReviewBreakGlassBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { listBreakGlassOpenings } from './list-break-glass-openings';
import { reviewBreakGlassOpening } from './review-break-glass-opening';

export const breakGlassRouteTemplates = [
  'GET /api/v1/break-glass-openings',
  'POST /api/v1/break-glass-openings/{id}/review',
];

export function registerBreakGlassRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'], context });
  routes.get('/api/v1/break-glass-openings', {
    summary:
      'Openings only a break-glass window allowed (visit-window mode), waiting for review unless asked',
    querystring: BreakGlassOpeningQuery,
    response: BreakGlassOpeningList,
    permission: ['break_glass', 'read'],
    handle: callUseCase(listBreakGlassOpenings, inputFrom.query),
  });

  routes.post('/api/v1/break-glass-openings/:id/review', {
    summary: 'The work lead reviews a break-glass opening, with a comment',
    params: BreakGlassOpeningParams,
    body: ReviewBreakGlassBody,
    response: BreakGlassOpening,
    permission: ['break_glass', 'update'],
    handle: callUseCase(reviewBreakGlassOpening, inputFrom.bodyWithId()),
  });
}
