// Work orders over HTTP (docs/work-orders.md, docs/api.md "Work orders"): the lock manager's
// planning and the installer's work at the door. Each route calls one use case.
import {
  DismountOrderBody,
  EnrolLockBody,
  EnrolLockResult,
  InstallLockBody,
  MoveLockBody,
  NewWorkOrderBody,
  WorkOrderAssignees,
  WorkOrderDetail,
  WorkOrderPage,
  WorkOrderPatchBody,
  WorkOrderQuery,
  WorkOrderTransitionBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import type { IssuerKeyStore } from '../devices';
import { type AppContext } from '../platform/context';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { createListCursors } from '../platform/list-cursor';
import { createWorkOrder } from './create-work-order';
import { dismountWorkOrderLock } from './dismount-work-order-lock';
import { enrolWorkOrderLock } from './enrol-work-order-lock';
import { installWorkOrderLock } from './install-work-order-lock';
import { listWorkOrderAssignees } from './list-work-order-assignees';
import { listWorkOrders } from './list-work-orders';
import { moveWorkOrderLock } from './move-work-order-lock';
import { readWorkOrder } from './read-work-order';
import { transitionWorkOrder } from './transition-work-order';
import { updateWorkOrder } from './update-work-order';

/** Route templates this file adds (role × scope in work-orders.test.ts). */
export const workOrderRouteTemplates = [
  'GET /api/v1/work-orders',
  'GET /api/v1/work-order-assignees',
  'POST /api/v1/work-orders',
  'GET /api/v1/work-orders/{id}',
  'PATCH /api/v1/work-orders/{id}',
  'POST /api/v1/work-orders/{id}/transitions',
  'POST /api/v1/work-orders/{id}/enrol-lock',
  'POST /api/v1/work-orders/{id}/install',
  'POST /api/v1/work-orders/{id}/dismount',
  'POST /api/v1/work-orders/{id}/move',
];

export function registerWorkOrderRoutes(
  app: FastifyInstance,
  context: AppContext,
  issuerKeys: IssuerKeyStore,
): void {
  const routes = declareRoutes(app, { tags: ['work-orders'], context, pathParams: 'uuid' });
  const cursors = createListCursors(context.masterKey);

  const orders = declareResourceRoutes(routes, '/api/v1/work-orders', 'work_order');

  orders.list({
    summary: 'Work orders in your scope (installers: assigned to you or your company)',
    querystring: WorkOrderQuery,
    response: WorkOrderPage,
    useCase: listWorkOrders,
    extras: { cursors },
  });

  routes.get('/api/v1/work-order-assignees', {
    summary: 'Installers and locksmith companies orders can be assigned to (for planners)',
    response: WorkOrderAssignees,
    handle: callUseCase(listWorkOrderAssignees, inputFrom.none),
  });

  orders.read({
    summary: 'One work order with its door, lock, history and (for roles that read customers) customer',
    response: WorkOrderDetail,
    useCase: readWorkOrder,
  });

  orders.create({
    summary: 'Make a work order by hand',
    description:
      'An install waits for the consent its door needs (`awaits`); a move needs `targetDoorId`. 409 `already_exists` when the door has an open order of the kind.',
    body: NewWorkOrderBody,
    response: WorkOrderDetail,
    useCase: createWorkOrder,
  });

  orders.update({
    summary: 'Assign, book and annotate a work order at the version read',
    description: 'A stale `version` is 409 `version_conflict`. Installers may not assign.',
    body: WorkOrderPatchBody,
    response: WorkOrderDetail,
    useCase: updateWorkOrder,
  });

  orders.step('transitions', {
    summary: 'Move a work order to another state',
    description:
      '409 `invalid_transition`, 422 `reason_required` (failed, cancelled, back to requested), 409 `consent_missing` when planning an order whose consent is missing, refused or withdrawn.',
    body: WorkOrderTransitionBody,
    bodyAs: 'change',
    response: WorkOrderDetail,
    useCase: transitionWorkOrder,
  });

  orders.step('enrol-lock', {
    summary: 'Register and enrol the lock of an install order at the door',
    description:
      '409 `serial_enrolled` when the serial is enrolled, installed or taken elsewhere; 409 `door_has_lock` when the door already has an installed lock.',
    body: EnrolLockBody,
    response: EnrolLockResult,
    useCase: enrolWorkOrderLock,
    extras: { issuerKeys },
  });

  orders.step('install', {
    summary: 'Mark the enrolled lock installed on the door; the order is done',
    description: 'Apartment doors need `originalLockStorage` (422 `storage_label_required`, R6.4).',
    body: InstallLockBody,
    response: WorkOrderDetail,
    useCase: installWorkOrderLock,
  });

  orders.step('dismount', {
    summary: 'Take the lock off the door of a dismount order; the order is done',
    description:
      'Same guard as POST /locks/{id}/dismount: 409 `lock_on_access_path` unless `force` with a `reason`. Apartment doors need `originalLockRestored: true`.',
    body: DismountOrderBody,
    response: WorkOrderDetail,
    useCase: dismountWorkOrderLock,
  });

  orders.step('move', {
    summary: 'Move the lock of a move order to its target door; the order is done',
    description: 'Same guard as a dismount for the door left; 409 `door_has_lock` at the target.',
    body: MoveLockBody,
    response: WorkOrderDetail,
    useCase: moveWorkOrderLock,
  });
}
