// One support case (docs/support.md "Console"): what it is about, the change form (status for
// whoever may update it; priority and assignee for the municipality's support side), the
// timeline, and the note form.
import type { SupportCaseAssignees, SupportCaseDetail } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { patchApi, postApi } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { DetailError } from '../shared/detail-error';
import { SelectField, TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { FactList, LoadingState, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';
import { sayCaseTitle } from './case-title';
import { SupportPriorityBadge, SupportStatusBadge } from './support-badges';
import { SupportChoiceField } from './support-choice-field';
import { describeAuthor, describeEntry } from './timeline-entry';

function ChangeForm({
  found,
  canTriage,
  onSaved,
}: {
  found: SupportCaseDetail;
  canTriage: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslator();
  const assignees = useResource<SupportCaseAssignees>(canTriage ? '/support-case-assignees' : null);
  const [status, setStatus] = useState<string>(found.status);
  const [priority, setPriority] = useState<string>(found.priority);
  const [assignee, setAssignee] = useState(found.assignedUserId ?? '');
  const [isSaved, setIsSaved] = useState(false);
  const { problem, submit } = useFormSubmit(async () => {
    setIsSaved(false);
    await patchApi(`/support-cases/${found.id}`, {
      version: found.version,
      status,
      ...(canTriage ? { priority, assignedUserId: assignee || null } : {}),
    });
    setIsSaved(true);
    onSaved();
  });
  return (
    <form
      className="card support-change"
      onSubmit={(event) => void submit(event)}
      data-form="change-support-case"
    >
      <h2>{t('support.change')}</h2>
      <div className="form-grid">
        <SupportChoiceField choice="status" value={status} onChoose={setStatus} />
        {canTriage && (
          <>
            <SupportChoiceField choice="priority" value={priority} onChoose={setPriority} />
            <SelectField
              label={t('support.assignee')}
              value={assignee}
              onValue={setAssignee}
              blank={t('support.noOne')}
              options={assignees.data?.items.map((user) => ({ value: user.id, label: user.displayName }))}
            />
          </>
        )}
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
      {isSaved && !problem && <Notice>{t('support.saved')}</Notice>}
      <button type="submit" className="button button-primary">
        {t('support.save')}
      </button>
    </form>
  );
}

function NoteForm({ id, onAdded }: { id: string; onAdded: () => void }) {
  const { t } = useTranslator();
  const [body, setBody] = useState('');
  const { problem, submit } = useFormSubmit(async () => {
    await postApi(`/support-cases/${id}/notes`, { body: body.trim() });
    setBody('');
    onAdded();
  });
  return (
    <form className="support-note-form" onSubmit={(event) => void submit(event)} data-form="support-note">
      <TextAreaField label={t('support.note')} rows={3} maxLength={4000} value={body} onValue={setBody} />
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className="button button-secondary" disabled={!body.trim()}>
        {t('support.addNote')}
      </button>
    </form>
  );
}

export function SupportCasePage({ id }: { id: string }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  const session = useSession();
  const found = useResource<SupportCaseDetail>(`/support-cases/${id}`);
  const item = found.data;
  if (found.error)
    return <DetailError error={found.error} title={t('support.title')} onRetry={found.reload} />;
  if (!item) return <LoadingState />;
  const canUpdate = session.can('support_case', 'update');
  const canTriage = ['support', 'lock_manager', 'municipality_admin'].includes(session.me.role);
  const about: Array<[string, string]> = [];
  if (item.customer) about.push([t('support.customer'), item.customer.name]);
  if (item.door) about.push([t('support.door'), `${item.door.label}, ${item.door.streetAddress}`]);
  if (item.lock) about.push([t('support.lock'), item.lock.serial]);
  if (item.key) about.push([t('support.key'), item.key.serial]);
  return (
    <Page title={`${item.reference}: ${sayCaseTitle(item, t)}`} backTo="/support">
      <section className="card">
        <FactList
          facts={[
            [t('support.status'), <SupportStatusBadge key="s" status={item.status} />],
            [t('support.priority'), <SupportPriorityBadge key="p" priority={item.priority} />],
            [t('support.category'), label('supportCaseCategory', item.category)],
            [t('support.raisedBy'), item.raisedByName ?? item.raisedBy],
            [t('support.assignee'), item.assignedUserName ?? t('common.none')],
            [t('support.created'), formatDateTime(item.createdAt)],
            ...(item.formerReference
              ? [[t('support.formerReference'), item.formerReference] as [string, string]]
              : []),
            [t('support.updated'), formatDateTime(item.updatedAt)],
            ...(item.resolvedAt
              ? [[t('support.resolved'), formatDateTime(item.resolvedAt)] as [string, string]]
              : []),
            ...about,
          ]}
        />
        {item.isEmergency && <span className="tag tag-blocked">{t('support.emergency')}</span>}
        {item.description && <p className="support-description">{item.description}</p>}
      </section>
      {canUpdate && (
        <ChangeForm key={item.version} found={item} canTriage={canTriage} onSaved={found.reload} />
      )}
      <Section title={t('support.timeline')} section="timeline">
        <SimpleTable
          caption={t('support.timelineCaption')}
          headers={[t('support.when'), t('support.who'), t('support.what')]}
        >
          {item.timeline.map((entry) => (
            <tr key={entry.id} data-kind={entry.kind}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{describeAuthor(entry, translator)}</td>
              <td>{describeEntry(entry, translator)}</td>
            </tr>
          ))}
        </SimpleTable>
        {session.can('support_case', 'create') && <NoteForm id={id} onAdded={found.reload} />}
      </Section>
    </Page>
  );
}
