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
import { pickExplanationLanguage, type ExplanationLanguage, type Scope } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Static } from 'typebox';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import type { AppContext } from '../platform/context';
import { declareRoutes, type UseCaseCallOptions } from '../platform/declare-routes';
import { explainPermission } from './explain-permission';
import { findWhoCanOpen } from './find-who-can-open';
import { listPermissionHistory } from './list-permission-history';
import type { PermissionIndexCache } from './permission-index';
import type { PermissionQuery } from './permission-query';
import { readLockList } from './read-lock-list';

/**
 * A handler of a use case that words its reasons: it is given the input `inputOf` makes from the
 * request, in the language the request's Accept-Language prefers, and the permission index.
 */
function callExplaining<Request, Input, Out>(
  explainWith: (query: PermissionQuery<Input & { language: ExplanationLanguage }>) => Promise<Out>,
  permissions: PermissionIndexCache,
  inputOf: (request: Request) => Input,
) {
  return async ({
    request,
    scope,
    options,
  }: {
    request: Request & { headers: IncomingHttpHeaders };
    scope: Scope;
    options: UseCaseCallOptions;
  }) => {
    const language = pickExplanationLanguage(request.headers['accept-language']);
    return explainWith({ ...options, scope, permissions, input: { ...inputOf(request), language } });
  };
}

/**
 * "May S open L at T, and why", a staff member's lock list, who can open a customer's doors and
 * the permission history. Reasons are worded in Swedish unless Accept-Language prefers English.
 */
export function registerPermissionRoutes(
  app: FastifyInstance,
  context: AppContext,
  permissions: PermissionIndexCache,
): void {
  const routes = declareRoutes(app, { tags: ['permissions'], context, pathParams: 'uuid' });

  routes.get('/api/v1/permissions/explain', {
    summary: 'May this staff member open this lock at this time, and which rule decides',
    querystring: ExplainQuery,
    response: PermissionExplanation,
    permission: ['permission_check', 'read'],
    handle: callExplaining(
      explainPermission,
      permissions,
      ({ query }: { query: Static<typeof ExplainQuery> }) => query,
    ),
  });

  routes.get('/api/v1/staff/:id/lock-list', {
    summary: 'The locks a staff member may open from a time on, as an activation would compile them',
    querystring: LockListQuery,
    response: LockList,
    permission: ['permission_check', 'read'],
    handle: callUseCase(readLockList, inputFrom.queryWithId('staffMemberId'), { permissions }),
  });

  routes.get('/api/v1/customers/:id/who-can-open', {
    summary: 'Who can open each door on the way in to a customer now, and why',
    querystring: AtQuery,
    response: WhoCanOpen,
    permission: ['permission_check', 'read'],
    handle: callExplaining(
      findWhoCanOpen,
      permissions,
      ({ params, query }: { params: { id: string }; query: Static<typeof AtQuery> }) => ({
        customerId: params.id,
        at: query.at,
      }),
    ),
  });

  const histories = [
    { of: 'customers', key: 'customerId', about: 'who may open this customer’s doors' },
    { of: 'staff', key: 'staffMemberId', about: 'what this staff member may open' },
  ] as const;
  for (const { of, key, about } of histories) {
    routes.get(`/api/v1/${of}/:id/permission-history`, {
      summary: `Every change of ${about}: who, what, when, why`,
      querystring: PermissionHistoryQuery,
      response: PermissionHistory,
      permission: ['permission_check', 'read'],
      handle: callUseCase(listPermissionHistory, inputFrom.queryWithId(key)),
    });
  }
}
