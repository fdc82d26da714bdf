// The locksmith's arrival page's API (R9.2): public, the link's token is the only credential;
// answers name the address and the doors on the way in, nothing about who lives there.
import { EmergencyArrivalParams, EmergencyArrivalView } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { declareLinkRoutes } from '../platform/declare-link-routes';
import { confirmEmergencyArrival, readEmergencyArrival } from './emergency-arrival';

export const emergencyArrivalRouteTemplates = [
  'GET /api/v1/emergency-arrivals/{token}',
  'POST /api/v1/emergency-arrivals/{token}',
];

export function registerEmergencyArrivalRoutes(app: FastifyInstance, context: AppContext): void {
  const links = declareLinkRoutes(app, {
    tags: ['emergency'],
    params: EmergencyArrivalParams,
    context,
    alsoRefused: [429],
  });
  links.get('/api/v1/emergency-arrivals/:token', {
    summary: 'The arrival page: address, doors on the way in, deadline (unknown 404, used or expired 410)',
    response: EmergencyArrivalView,
    useCase: readEmergencyArrival,
  });
  links.post('/api/v1/emergency-arrivals/:token', {
    summary:
      'The locksmith is on site: records the arrival and uses the link up (a second use 410 arrival_link_used)',
    response: EmergencyArrivalView,
    useCase: confirmEmergencyArrival,
  });
}
