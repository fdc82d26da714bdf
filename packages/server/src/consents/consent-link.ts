// The e-service behind a single-use link (R7.1, R2.7): whoever holds the link sees the property's
// address and the entrances asked about, never who lives there, and answers per entrance once.
import type { ConsentAnswerBody, ConsentLinkView } from '@portvakt/contract';
import { statusWhenAnswered, type ConsentAnswer } from '@portvakt/core';
import {
  appendAudit,
  findConsentLink,
  lockEntranceStatuses,
  readConsentLinkView,
  recordConsentAnswers,
  withTransaction,
  writeEntranceStatuses,
  type ConsentLinkRecord,
  type Queryable,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import type { LinkUseOptions, LinkWriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { presentConsentParties } from './consent-presenter';
import { returnWithdrawnInstalls } from '../work-orders';
import { hashConsentToken } from './consent-token';

const linkUnknown = () => new ApiError(404, 'not_found', 'No such consent link.');

/** The link's request, or the refusal every use of a bad link gets: unknown 404, used 409, expired 410. */
async function findUsableLink(
  db: Queryable,
  token: string,
  now: Date,
  isLocking: boolean,
): Promise<ConsentLinkRecord> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw linkUnknown();
  const link = await findConsentLink(db, hashConsentToken(token), isLocking);
  if (!link) throw linkUnknown();
  if (link.answeredAt)
    throw new ApiError(409, 'consent_link_used', 'This link has already been used: the answer is recorded.');
  if (link.expiresAt.getTime() <= now.getTime())
    throw new ApiError(
      410,
      'consent_link_expired',
      'This link has expired. Ask the municipality for a new one.',
    );
  return link;
}

/** What the e-service shows for a link. */
export async function readConsentLink({ db, token, now }: LinkUseOptions): Promise<ConsentLinkView> {
  const link = await findUsableLink(db, token, now, false);
  const view = await readConsentLinkView(db, link.municipalityId, link.requestId);
  return {
    municipalityName: view.municipalityName,
    ...presentConsentParties(view),
    expiresAt: link.expiresAt.toISOString(),
    entrances: view.entrances,
  };
}

/**
 * Records the answer per entrance with the answerer's name and title and the time, keeps
 * entrance_consent current (a no after a yes is a withdrawal), and uses the link up: all in one
 * transaction, with the request locked so two submissions cannot both count. Every entrance of
 * the request must be answered; a door outside it is refused and nothing changes. Audited as
 * `answer` by the link's holder.
 */
export async function answerConsentLink({
  db,
  token,
  input,
  now,
  requestId,
}: LinkWriteOptions<Static<typeof ConsentAnswerBody>>): Promise<{
  answeredAt: string;
  entrances: Array<{ doorId: string; label: string; status: string }>;
}> {
  return withTransaction(db, async (client) => {
    const link = await findUsableLink(client, token, now, true);
    const view = await readConsentLinkView(client, link.municipalityId, link.requestId);
    const asked = new Set(view.entrances.map((entrance) => entrance.doorId));
    const answers = new Map<string, ConsentAnswer>();
    for (const { doorId, answer } of input.answers) {
      if (!asked.has(doorId))
        throw new ApiError(422, 'door_not_in_request', 'A door in the answer is not part of this request.', {
          field: 'answers',
        });
      if (answers.has(doorId))
        throw new ApiError(422, 'one_answer_per_entrance', 'Each entrance is answered once.', {
          field: 'answers',
        });
      answers.set(doorId, answer);
    }
    if (answers.size !== asked.size)
      throw new ApiError(422, 'one_answer_per_entrance', 'Answer yes or no for every entrance.', {
        field: 'answers',
      });
    const by = { name: input.name.trim(), title: input.title.trim() };
    const statuses = await lockEntranceStatuses(client, link.municipalityId, [...answers.keys()]);
    const changes = [...answers].map(([doorId, answer]) => ({
      doorId,
      status: statusWhenAnswered(statuses.get(doorId)!, answer),
    }));
    await writeEntranceStatuses(client, link.municipalityId, changes, now, by);
    // A "no" after a "yes" withdraws: planned installs there wait for consent again, moved in the
    // name of the person answering, as their answer is audited (docs/work-orders.md "Consent").
    const actorLabel = `${by.name}, ${by.title}`;
    await returnWithdrawnInstalls(client, {
      municipalityId: link.municipalityId,
      doorIds: changes.filter((change) => change.status === 'withdrawn').map((change) => change.doorId),
      actorLabel,
      now,
      recordAudit: (entry) =>
        appendAudit(client, {
          municipalityId: link.municipalityId,
          actorUserId: null,
          actorTokenId: null,
          actorLabel,
          actorRole: null,
          action: 'update',
          entity: 'work_order',
          ...entry,
          requestId,
        }),
    });
    await recordConsentAnswers(
      client,
      link.municipalityId,
      link.requestId,
      changes.map((change) => ({ doorId: change.doorId, answer: change.status })),
      by,
      now,
    );
    await appendAudit(client, {
      municipalityId: link.municipalityId,
      actorUserId: null,
      actorTokenId: null,
      // The person as they named themselves; the owner whose link it was is in `after`, and the
      // audit trail answers `actorKind` `consent_link` for the console to word
      // (server/src/audit/audit-actor-presenter.ts).
      actorLabel,
      actorRole: null,
      action: 'answer',
      entity: 'consent_request',
      entityId: link.requestId,
      before: null,
      after: {
        answers: changes,
        name: by.name,
        title: by.title,
        ownerName: view.ownerName,
        answeredAt: now.toISOString(),
      },
      requestId,
    });
    const labels = new Map(view.entrances.map((entrance) => [entrance.doorId, entrance.label]));
    return {
      answeredAt: now.toISOString(),
      entrances: changes.map((change) => ({ ...change, label: labels.get(change.doorId) ?? '' })),
    };
  });
}
