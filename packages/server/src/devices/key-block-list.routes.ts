// Whether the locks have learnt that a key is blocked: for a blocked or lost key, how many of the
// locks that matter for it (on the ways in of its provider's customers) have reported a block-list
// version that contains it, and which lag. For work leads about their own provider's keys, whose
// console otherwise has no view of the block list.
import { KeyBlockListStatus } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { readKeyBlockListStatus } from './read-key-block-list-status';

/** Route templates this file adds (role × scope in key-block-list.test.ts). */
export const keyBlockListRouteTemplates = ['GET /api/v1/keys/{id}/block-list-status'];

export function registerKeyBlockListRoutes(fastify: FastifyInstance, context: AppContext): void {
  declareRoutes(fastify, { tags: ['devices'], context, pathParams: 'uuid' }).get(
    '/api/v1/keys/:id/block-list-status',
    {
      summary: 'How far a blocked key’s block-list entry has reached the locks that matter for it',
      description:
        'Relevant locks: installed locks on the doors of the way in of customers the key’s provider serves (ongoing or agreed services). `confirmed` counts those that reported a version at or above the one the key entered in. Lock ids and serials only for roles that read locks; doors by label, kind and street address (as on the customer pages). For roles that read the block list, and for those who manage the key (work leads: their provider’s keys).',
      response: KeyBlockListStatus,
      permission: ['digital_key', 'read'],
      handle: callUseCase(readKeyBlockListStatus, inputFrom.idAs('keyId')),
    },
  );
}
