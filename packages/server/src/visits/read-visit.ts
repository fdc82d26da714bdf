import type { VisitDetail } from '@portvakt/contract';
import { decideAccess } from '@portvakt/core';
import { findVisitDetail, listHomeCustomers, type VisitEvidenceRow } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { findInScope } from '../platform/usecase-find-in-scope';
import { presentVisit } from './visit-presenter';

/** One visit with every version and the signed lock records or phone requests it came from (R5.1, R5.3). */
export async function readVisit(options: ReadOptions<{ visitId: string }>): Promise<VisitDetail> {
  const { db, actor, input } = options;
  const { found: detail } = await findInScope(options, 'visit', 'visit', (scope) =>
    findVisitDetail(db, scope, input.visitId),
  );
  // Only who may read customers learns the spouse's name (staff read their own visits only).
  const customerScope = decideAccess(actor, 'customer', 'read');
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  const presentEvidence = (e: VisitEvidenceRow) =>
    e.kind === 'lock_record'
      ? { ...e, occurredAt: iso(e.occurredAt), record: e.record?.toString('base64url') ?? null }
      : {
          ...e,
          occurredAt: e.occurredAt.toISOString(),
          signedAt: e.signedAt.toISOString(),
          nonce: e.nonce.toString('hex'),
          request: e.request.toString('base64url'),
          requestSha256: e.requestSha256.toString('hex'),
        };
  return {
    visit: presentVisit(detail.visit),
    versions: detail.versions.map((v) => ({
      ...v,
      arrival: v.arrival.toISOString(),
      departure: iso(v.departure),
      createdAt: v.createdAt.toISOString(),
      supersededAt: iso(v.supersededAt),
      evidence: v.evidence.map(presentEvidence),
    })),
    evidence: detail.evidence.map(presentEvidence),
    homeCustomers: customerScope ? await listHomeCustomers(db, customerScope, detail.visit.customerId) : [],
  };
}
