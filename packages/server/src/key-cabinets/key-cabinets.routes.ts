// Key cabinets over HTTP (docs/key-cabinets.md, docs/api.md "Key cabinets"): the registry of
// cabinets, a cabinet's slots and log, and takes authorised before a slot opens. Each route calls
// one use case; the cabinet's own records arrive through the device gateway (/api/v1/device/records).
import {
  KeyCabinet,
  KeyCabinetDetail,
  KeyCabinetList,
  KeyCabinetPatchBody,
  KeyCabinetQuery,
  KeyCabinetTake,
  NewKeyCabinetBody,
  NewKeyCabinetTakeBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import { authoriseKeyTake } from './authorise-key-take';
import { createKeyCabinet } from './create-key-cabinet';
import { listKeyCabinets } from './list-key-cabinets';
import { readKeyCabinet } from './read-key-cabinet';
import { retireKeyCabinet, updateKeyCabinet } from './update-key-cabinet';
import { withdrawKeyTake } from './withdraw-key-take';

/** Route templates this file adds (role × scope in key-cabinets/key-cabinets.test.ts). */
export const keyCabinetRouteTemplates = [
  'GET /api/v1/key-cabinets',
  'POST /api/v1/key-cabinets',
  'GET /api/v1/key-cabinets/{id}',
  'PATCH /api/v1/key-cabinets/{id}',
  'POST /api/v1/key-cabinets/{id}/retire',
  'POST /api/v1/key-cabinets/{id}/takes',
  'POST /api/v1/key-cabinets/{id}/takes/{takeId}/withdraw',
];

export function registerKeyCabinetRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['key-cabinets'], context, pathParams: 'uuid' });

  const cabinets = declareResourceRoutes(routes, '/api/v1/key-cabinets', 'key_cabinet');

  cabinets.list({
    summary: 'Key cabinets in your scope (work leads: your provider’s) with keys held, out and overdue',
    querystring: KeyCabinetQuery,
    response: KeyCabinetList,
    useCase: listKeyCabinets,
  });

  cabinets.create({
    summary: 'Register a key cabinet held by a provider',
    description: 'Its key is enrolled as a device of kind `key_cabinet` under the cabinet’s id.',
    body: NewKeyCabinetBody,
    response: KeyCabinet,
    useCase: createKeyCabinet,
  });

  cabinets.read({
    summary: 'A cabinet’s slots (which backup key, in or out, since when, by whom, why, overdue) and its log',
    response: KeyCabinetDetail,
    useCase: readKeyCabinet,
  });

  cabinets.update({
    summary: 'Rename, move or resize a cabinet',
    description: '409 `slots_in_use` when shrinking below a slot with a key; 409 `cabinet_retired`.',
    body: KeyCabinetPatchBody,
    response: KeyCabinet,
    useCase: updateKeyCabinet,
  });

  cabinets.step('retire', {
    summary: 'Take an empty cabinet out of use (its records stay)',
    description: '409 `slots_in_use` while a key is held in it or out of it.',
    response: KeyCabinet,
    useCase: retireKeyCabinet,
  });

  routes.post('/api/v1/key-cabinets/:id/takes', {
    summary: 'Authorise taking a backup key out of a slot, with the reason',
    description:
      'Staff for themselves, work leads for their staff, at their provider’s cabinets. 409 `slot_empty`, 409 `key_already_out`, 422 `reason_text_required` (other), 422 `no_such_slot`, 422 `staff_member_required` (a work lead names `staffMemberId`), 422 `support_case_not_applicable` (`supportCaseId` with a reason that is not a digital failure). A digital failure links to `supportCaseId` (a case the caller may read, else 422 `unknown_reference` as for an unknown id; about the key’s customer or door, else 422 `support_case_of_other_customer`) or opens a support case. The cabinet’s signed records then fill in when the key was taken and returned.',
    body: NewKeyCabinetTakeBody,
    response: KeyCabinetTake,
    status: 201,
    permission: ['key_cabinet_take', 'create'],
    handle: callUseCase(authoriseKeyTake, inputFrom.idWith('take', 'keyCabinetId')),
  });

  routes.post('/api/v1/key-cabinets/:id/takes/:takeId/withdraw', {
    summary: 'Withdraw a take authorised and not yet used, freeing the slot at once',
    description:
      'Staff their own, work leads their staff’s, at their provider’s cabinets; any other take is 404 like an unknown one. 409 `key_already_out` when the key is out (the cabinet’s return record closes the take), 409 `take_closed` when it was returned, withdrawn or lapsed.',
    response: KeyCabinetTake,
    permission: ['key_cabinet_take', 'create'],
    handle: async ({ request, options, scope }) =>
      withdrawKeyTake({
        ...options,
        scope,
        input: { keyCabinetId: request.params.id, takeId: request.params.takeId },
      }),
  });
}
