import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEntity, readAccessPath as readPath, type Queryable } from '@portvakt/storage';
import { notFound } from '../platform/errors';

const customerEntity = findEntityDefinition('customer');

/** The doors on the way in to a customer within `scope` (the access_path read scope), in order. */
export async function readAccessPath({
  db,
  scope,
  input,
}: {
  db: Queryable;
  scope: Scope;
  input: { customerId: string };
}) {
  const id = input.customerId;
  if (!(await findEntity(db, customerEntity, scope, id))) throw notFound('customer');
  return { customerId: id, doors: await readPath(db, scope.municipalityId, id) };
}
