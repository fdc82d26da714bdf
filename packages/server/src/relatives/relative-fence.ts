// A relative's account reaches its own routes and nothing else (R4.4, docs/relatives.md). The
// policy table already grants a relative nothing but its visit list; this fence answers every
// other API route 403 before the request's input is even validated, so no route, present or
// future, can hand a relative more by a missing permission or answer it 400 or 422 about data
// it may not touch.
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../platform/errors';

/**
 * The route templates a relative may reach: who it is, its password and its own passkeys (every
 * account may have them, docs/sign-in.md), logging out, its customer's list.
 */
export const relativeReachableRoutes: ReadonlySet<string> = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/logout',
  '/api/v1/auth/password',
  '/api/v1/passkeys',
  '/api/v1/passkeys/registration-options',
  '/api/v1/passkeys/:id',
  '/api/v1/relative/customer',
  '/api/v1/relative/customers/:id/visits',
]);

export function installRelativeFence(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.actor?.role !== 'relative') return;
    const route = request.routeOptions.url;
    if (route === undefined || !relativeReachableRoutes.has(route)) throw forbidden();
  });
}
