// "Anhöriga" on the customer page (R4.4, docs/relatives.md): the customer's work lead (or the
// municipality) invites a relative by e-mail and sees the link once, lists invitations and the
// accounts made with them, withdraws; the municipality, auditors and the work lead see the read log.
import type {
  CreatedRelativeInvitation,
  RelativeInvitation,
  RelativeInvitationList,
  RelativeReadList,
} from '@portvakt/contract';
import { useState } from 'react';
import { RowButton } from '../components';
import { useSession } from '../accounts';
import { postApi } from '../shared/api-client';
import { InputField, SubmitButton } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';

type RelativeRead = RelativeReadList['items'][number];

function InviteForm({ customerId, onInvited }: { customerId: string; onInvited: () => void }) {
  const { t } = useTranslator();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [made, setMade] = useState<CreatedRelativeInvitation>();
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    const created = await postApi<CreatedRelativeInvitation>(
      `/customers/${customerId}/relative-invitations`,
      { relativeName: name.trim(), email: email.trim() },
    );
    setMade(created);
    setName('');
    setEmail('');
    onInvited();
  });
  return (
    <form className="form" aria-label={t('relatives.invite')} onSubmit={(event) => void submit(event)}>
      <h3>{t('relatives.invite')}</h3>
      {problem && <Notice tone="error">{problem}</Notice>}
      {made && (
        <Notice>
          {t('relatives.sent', { email: made.invitation.email })}{' '}
          <code className="relative-link" data-invitation-link>
            {made.link}
          </code>
        </Notice>
      )}
      <div className="form-inline">
        <InputField label={t('relatives.name')} required value={name} onValue={setName} autoComplete="off" />
        <InputField
          label={t('relatives.email')}
          type="email"
          required
          value={email}
          onValue={setEmail}
          autoComplete="off"
        />
      </div>
      <SubmitButton isBusy={isBusy} busyText={t('relatives.sending')}>
        {t('relatives.send')}
      </SubmitButton>
    </form>
  );
}

function WithdrawButton({ invitation, onDone }: { invitation: RelativeInvitation; onDone: () => void }) {
  const { t } = useTranslator();
  const [problem, setProblem] = useState<string>();
  const { describeError } = useTranslator();
  const withdraw = () =>
    postApi(`/relative-invitations/${invitation.id}/withdrawal`, undefined).then(onDone, (error: unknown) =>
      setProblem(
        describeError(
          (error as { code?: string }).code ?? 'internal_error',
          (error as Error).message ?? String(error),
        ),
      ),
    );
  return (
    <>
      <RowButton onClick={() => void withdraw()}>
        {invitation.status === 'used' ? t('relatives.withdrawUsed') : t('relatives.withdraw')}
      </RowButton>
      {problem && <Notice tone="error">{problem}</Notice>}
    </>
  );
}

function InvitationsTable({ customerId, onChanged }: { customerId: string; onChanged: () => void }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const canWithdraw = session.can('relative_invitation', 'update');
  const list = useResource<RelativeInvitationList>(`/customers/${customerId}/relative-invitations`);
  return (
    <ResourceTable<RelativeInvitation>
      resource={list}
      emptyText={t('relatives.empty')}
      caption={t('relatives.invitations')}
      rowData={(invitation) => ({
        'data-invitation': invitation.relativeName,
        'data-status': invitation.status,
      })}
      columns={[
        {
          header: t('relatives.name'),
          isRowHeader: true,
          render: (invitation) => (
            <>
              {invitation.relativeName}
              <div className="muted">{invitation.email}</div>
            </>
          ),
        },
        {
          header: t('relatives.status'),
          render: (invitation) => (
            <span className={`tag tag-${invitation.status}`}>
              {t(`relatives.status.${invitation.status}` as MessageKey)}
            </span>
          ),
        },
        {
          header: t('relatives.account'),
          render: (invitation) =>
            invitation.username
              ? `${invitation.username}${invitation.isAccountDisabled ? ` (${t('relatives.disabled')})` : ''}`
              : '–',
        },
        { header: t('relatives.invitedBy'), render: (invitation) => invitation.invitedBy },
        { header: t('relatives.expires'), render: (invitation) => formatDateTime(invitation.expiresAt) },
        {
          header: { text: t('relatives.withdraw'), isVisuallyHidden: true },
          render: (invitation) =>
            canWithdraw && (invitation.status === 'pending' || invitation.status === 'used') ? (
              <WithdrawButton invitation={invitation} onDone={onChanged} />
            ) : null,
        },
      ]}
    />
  );
}

function ReadLog({ customerId }: { customerId: string }) {
  const { t, formatDate, formatDateTime } = useTranslator();
  const reads = useResource<RelativeReadList>(`/customers/${customerId}/relative-reads?limit=100`);
  return (
    <>
      <h3>{t('relatives.reads')}</h3>
      <p className="muted">{t('relatives.readsIntro')}</p>
      <ResourceTable<RelativeRead>
        resource={reads}
        emptyText={t('relatives.readsEmpty')}
        caption={t('relatives.reads')}
        rowData={(read) => ({ 'data-read': read.format })}
        columns={[
          { header: t('relatives.readAt'), render: (read) => formatDateTime(read.readAt), isRowHeader: true },
          { header: t('relatives.reader'), render: (read) => `${read.displayName} (${read.username})` },
          {
            header: t('relatives.readPeriod'),
            render: (read) => `${formatDate(read.firstDay)} – ${formatDate(read.lastDay)}`,
          },
          { header: t('relatives.format'), render: (read) => read.format.toUpperCase() },
          { header: { text: t('relatives.rows'), isNumeric: true }, render: (read) => String(read.rowCount) },
        ]}
      />
    </>
  );
}

/** Shown to those who may invite or read the log; nothing for anyone else. */
export function RelativesSection({ customerId }: { customerId: string }) {
  const { t } = useTranslator();
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const canInvite = session.can('relative_invitation', 'create');
  const canList = session.can('relative_invitation');
  const canReadLog = session.can('relative_read_log');
  if (!canList && !canReadLog) return null;
  const changed = (text?: string) => {
    setNotice(text);
    setVersion((value) => value + 1);
  };
  return (
    <Section title={t('relatives.title')} intro={t('relatives.intro')} section="relatives">
      {notice && <Notice>{notice}</Notice>}
      {canInvite && <InviteForm customerId={customerId} onInvited={() => changed()} />}
      {canList && (
        // Mounted anew after each change, so the list reloads. The two keys differ: siblings that
        // share a key may be rendered twice (the invitations showed two tables under load).
        <InvitationsTable
          key={`invitations-${version}`}
          customerId={customerId}
          onChanged={() => changed(t('relatives.withdrawn'))}
        />
      )}
      {canReadLog && <ReadLog key={`reads-${version}`} customerId={customerId} />}
    </Section>
  );
}
