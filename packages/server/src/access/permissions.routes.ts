import {
  AtQuery,
  ExplainQuery,
  LockList,
  LockListQuery,
  PermissionExplanation,
  PermissionHistory,
  PermissionHistoryQuery,
  WhoCanOpen,
} from '@portvakt/contract';
import { pickExplanationLanguage } from '@portvakt/core';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { errorResponses, IdParams } from '../platform/schemas';
import { explainPermission } from './explain-permission';
import { findWhoCanOpen } from './find-who-can-open';
import { listPermissionHistory } from './list-permission-history';
import type { PermissionIndexCache } from './permission-index';
import { readLockList } from './read-lock-list';

/**
 * "May S open L at T, and why", a staff member's lock list, who can open a customer's doors and
 * the permission history. Reasons are worded in Swedish unless Accept-Language prefers English.
 */
export function registerPermissionRoutes(
  app: FastifyInstance,
  context: AppContext,
  permissions: PermissionIndexCache,
): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = context.pool;

  typed.get(
    '/api/v1/permissions/explain',
    {
      schema: {
        tags: ['permissions'],
        summary: 'May this staff member open this lock at this time, and which rule decides',
        querystring: ExplainQuery,
        response: { 200: PermissionExplanation, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'permission_check', 'read');
      const language = pickExplanationLanguage(request.headers['accept-language']);
      return explainPermission({ db, actor, scope, permissions, input: { ...request.query, language } });
    },
  );

  typed.get(
    '/api/v1/staff/:id/lock-list',
    {
      schema: {
        tags: ['permissions'],
        summary: 'The locks a staff member may open from a time on, as an activation would compile them',
        params: IdParams,
        querystring: LockListQuery,
        response: { 200: LockList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'permission_check', 'read');
      const input = { ...request.query, staffMemberId: request.params.id };
      return readLockList({ db, actor, permissions, input });
    },
  );

  typed.get(
    '/api/v1/customers/:id/who-can-open',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Who can open each door on the way in to a customer now, and why',
        params: IdParams,
        querystring: AtQuery,
        response: { 200: WhoCanOpen, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'permission_check', 'read');
      const language = pickExplanationLanguage(request.headers['accept-language']);
      const input = { customerId: request.params.id, at: request.query.at, language };
      return findWhoCanOpen({ db, actor, scope, permissions, input });
    },
  );

  const histories = [
    { of: 'customers', key: 'customerId', about: 'who may open this customer’s doors' },
    { of: 'staff', key: 'staffMemberId', about: 'what this staff member may open' },
  ] as const;
  for (const { of, key, about } of histories) {
    typed.get(
      `/api/v1/${of}/:id/permission-history`,
      {
        schema: {
          tags: ['permissions'],
          summary: `Every change of ${about}: who, what, when, why`,
          params: IdParams,
          querystring: PermissionHistoryQuery,
          response: { 200: PermissionHistory, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const scope = authorise(actor, 'permission_check', 'read');
        const limit = request.query.limit;
        const input =
          key === 'customerId'
            ? { customerId: request.params.id, limit }
            : { staffMemberId: request.params.id, limit };
        return listPermissionHistory({ db, actor, scope, input });
      },
    );
  }
}
