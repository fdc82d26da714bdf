// Break-glass openings waiting for review (visit-window mode; docs/visits.md "Break-glass"): each
// opening of a customer's door that only an alarm's break-glass window allowed, and a comment box
// for the work lead, whose review (with the comment) goes into the audit trail.
import type { Static } from 'typebox';
import type { BreakGlassOpening, BreakGlassOpeningList } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { postApi } from '../shared/api-client';
import { TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { FactList, Notice, ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';

function ReviewForm({ opening, onDone }: { opening: BreakGlassOpening; onDone: () => void }) {
  const { t } = useTranslator();
  const [comment, setComment] = useState('');
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    if (comment.trim().length < 3) return say('breakGlass.commentMissing');
    await postApi(`/break-glass-openings/${opening.id}/review`, { comment: comment.trim() });
    onDone();
  });
  return (
    <form className="break-glass-review" onSubmit={(event) => void submit(event)} noValidate>
      <TextAreaField
        label={t('breakGlass.comment')}
        hint={t('breakGlass.commentHint')}
        isMarkedRequired
        required
        aria-invalid={problem !== undefined}
        maxLength={2000}
        rows={2}
        value={comment}
        onValue={setComment}
      />
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className="button button-primary" disabled={isBusy}>
        {t('breakGlass.review')}
      </button>
    </form>
  );
}

/** "2 mars 2026 12:00–13:00": the date once when the window ends the day it starts. */
function formatWindow(language: 'sv' | 'en', from: string, until: string): string {
  const format = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return format.formatRange(new Date(from), new Date(until));
}

export function BreakGlassPage() {
  const { t, language, formatDateTime } = useTranslator();
  const session = useSession();
  const queue = useResource<Static<typeof BreakGlassOpeningList>>('/break-glass-openings');
  const items = queue.data?.items ?? [];
  const canReview = session.can('break_glass', 'update');
  return (
    <Page title={t('breakGlass.title')} intro={t('breakGlass.intro')}>
      <ResourceStates resource={queue} isEmpty={items.length === 0} emptyText={t('breakGlass.none')}>
        <ul className="break-glass-list" aria-label={t('breakGlass.caption')}>
          {items.map((opening) => (
            <li key={opening.id} className="card break-glass-opening" data-opening={opening.id}>
              <h2>
                {opening.customerName}, {opening.doorLabel}
              </h2>
              <FactList
                facts={[
                  [t('breakGlass.openedAt'), formatDateTime(opening.occurredAt)],
                  [t('breakGlass.staff'), `${opening.staffName} (${opening.providerName})`],
                  [t('breakGlass.alarm'), `${formatDateTime(opening.raisedAt)} (${opening.alarmExternalId})`],
                  [
                    t('breakGlass.window'),
                    formatWindow(language, opening.windowStartsAt, opening.windowEndsAt),
                  ],
                ]}
              />
              {canReview && <ReviewForm opening={opening} onDone={queue.reload} />}
            </li>
          ))}
        </ul>
      </ResourceStates>
    </Page>
  );
}
