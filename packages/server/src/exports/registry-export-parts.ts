// The parts of a registry or permissions export as pages: each read through its own list use case
// (the registry's and the work orders'), so the export sees exactly what the list routes show the
// caller, with the same scope, the same presentation and the same sealed cursors.
import { WorkOrderSummary } from '@portvakt/contract';
import { findEntity, listReadableExportParts, type Actor, type ExportPart } from '@portvakt/core';
import type pg from 'pg';
import type { ListCursors } from '../platform/list-cursor';
import type { FieldCrypto } from '../platform/secrets';
import { listRegistryEntities } from '../registry';
import { listWorkOrders } from '../work-orders';
import { exportPageSize, readAllPages, type ExportPartPages, type ExportRow } from './export-files';

export interface RegistryReadOptions {
  db: pg.Pool;
  actor: Actor;
  cursors: ListCursors;
  fieldCrypto: FieldCrypto;
}

/** The columns of a part: the fields its list route answers with, in the entity's order. */
export function columnsOfPart(part: ExportPart): string[] {
  if (part.resource === 'work_order') return Object.keys(WorkOrderSummary.properties);
  const entity = findEntity(part.resource);
  return [
    'id',
    'createdAt',
    'updatedAt',
    ...Object.keys(entity.fields),
    ...(entity.hasIdentityNumber ? ['hasIdentityNumber'] : []),
    ...(entity.resource === 'digital_key' ? ['holderName'] : []),
  ];
}

/** A part's rows, page after page, through its list use case. */
export function readPartPages(options: RegistryReadOptions, part: ExportPart): ExportPartPages {
  const { db, actor, cursors, fieldCrypto } = options;
  const pages =
    part.resource === 'work_order'
      ? readAllPages<ExportRow>((cursor) =>
          listWorkOrders({
            db,
            actor,
            cursors,
            input: { limit: exportPageSize, ...(cursor ? { cursor } : {}) },
          }),
        )
      : readAllPages<ExportRow>((cursor) =>
          listRegistryEntities({
            db,
            actor,
            cursors,
            fieldCrypto,
            entity: findEntity(part.resource),
            input: { limit: exportPageSize, ...(cursor ? { cursor } : {}) },
          }),
        );
  return { kind: part.kind, columns: columnsOfPart(part), pages };
}

/** The parts the actor may read of a registry or permissions export. */
export function readableParts(actor: Actor, what: 'registry' | 'permissions'): ExportPart[] {
  return listReadableExportParts(actor, what);
}
