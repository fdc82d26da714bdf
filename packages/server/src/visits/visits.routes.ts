// Visits over HTTP (docs/visits.md, docs/api.md "Visits"): list and read inside the role's scope,
// register afterwards, correct and decline as new versions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CorrectVisitBody,
  DeclineVisitBody,
  errorResponses,
  RegisterVisitBody,
  VisitDetail,
  VisitPage,
  VisitQuery,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { readClock, requireActor, type AppContext } from '../platform/context';
import { createListCursors } from '../platform/list-cursor';
import { IdParams } from '../platform/schemas';
import { correctVisit } from './correct-visit';
import { declineVisit } from './decline-visit';
import { listVisits } from './list-visits';
import { readVisit } from './read-visit';
import { registerVisit } from './register-visit';

export const visitRouteTemplates = [
  'GET /api/v1/visits',
  'GET /api/v1/visits/{id}',
  'POST /api/v1/visits',
  'POST /api/v1/visits/{id}/corrections',
  'POST /api/v1/visits/{id}/decline',
];

const NewVersion = Type.Object({ id: Type.String(), version: Type.Integer() });

export function registerVisitRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const cursors = createListCursors(context.masterKey);
  const tags = ['visits'];
  typed.get(
    '/api/v1/visits',
    {
      schema: {
        tags,
        summary: 'Visits arriving in a period (current versions), oldest first',
        querystring: VisitQuery,
        response: { 200: VisitPage, ...errorResponses },
      },
    },
    async (request) =>
      listVisits({ db: context.pool, actor: requireActor(request), input: request.query, cursors }),
  );

  typed.get(
    '/api/v1/visits/:id',
    {
      schema: {
        tags,
        summary: 'A visit with every version and the signed lock records it came from',
        params: IdParams,
        response: { 200: VisitDetail, ...errorResponses },
      },
    },
    async (request) =>
      readVisit({ db: context.pool, actor: requireActor(request), input: { visitId: request.params.id } }),
  );

  typed.post(
    '/api/v1/visits',
    {
      schema: {
        tags,
        summary: 'Register a visit afterwards, by hand',
        body: RegisterVisitBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await registerVisit({
        db: context.pool,
        actor: requireActor(request),
        input: request.body,
        requestId: request.id,
        now: readClock(context),
      });
      return reply.status(201).send(created);
    },
  );

  typed.post(
    '/api/v1/visits/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Correct a visit: a new version with the reason, the old one kept',
        params: IdParams,
        body: CorrectVisitBody,
        response: { 200: NewVersion, ...errorResponses },
      },
    },
    async (request) =>
      correctVisit({
        db: context.pool,
        actor: requireActor(request),
        input: { ...request.body, visitId: request.params.id },
        requestId: request.id,
        now: readClock(context),
      }),
  );

  typed.post(
    '/api/v1/visits/:id/decline',
    {
      schema: {
        tags,
        summary: 'Record that the customer declined the visit, with their reason',
        params: IdParams,
        body: DeclineVisitBody,
        response: { 200: NewVersion, ...errorResponses },
      },
    },
    async (request) =>
      declineVisit({
        db: context.pool,
        actor: requireActor(request),
        input: { ...request.body, visitId: request.params.id },
        requestId: request.id,
        now: readClock(context),
      }),
  );
}
