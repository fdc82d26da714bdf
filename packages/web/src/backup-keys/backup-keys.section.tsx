// "Reservnycklar" on the customer page (docs/backup-keys.md "Console"): the customer's physical
// keys held by providers, where each is kept, the receipt to print, signed receipts on record,
// whether the keys may go back (R8.3) and the return, which says what is missing when refused.
import type { BackupKey, BackupKeyDetail, BackupKeyList, KeyReturnReadinessReport } from '@portvakt/contract';
import { useState } from 'react';
import { RowButton } from '../components';
import { useSession } from '../accounts';
import { localToday } from '../shared/dates';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { BackupKeyCreateForm } from './backup-key-create-form';
import { ReceiptForm, ReturnForm } from './backup-key-forms';
import { keyHoldingColumns } from './key-place';
import { ReadinessGaps } from './readiness-gaps';

function KeyReceipts({ keyId }: { keyId: string }) {
  const { t, formatDate } = useTranslator();
  const detail = useResource<BackupKeyDetail>(`/backup-keys/${keyId}`);
  const receipts = detail.data?.receipts;
  if (!receipts) return null;
  if (receipts.length === 0) return <span className="muted">{t('backupKeys.noReceipts')}</span>;
  return (
    <ul className="plain-list">
      {receipts.map((receipt) => (
        <li key={receipt.id} data-receipt={receipt.kind}>
          {t('backupKeys.receiptLine', {
            kind: t(`backupKeys.kind.${receipt.kind}` as MessageKey),
            date: formatDate(receipt.signedOn),
            signedBy: receipt.signedBy,
            witnessedBy: receipt.witnessedBy,
          })}{' '}
          {receipt.hasDocument && (
            <a href={`/api/v1/backup-keys/${keyId}/receipts/${receipt.id}/document`} download>
              {t('backupKeys.withScan')}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

export function BackupKeysSection({ customerId }: { customerId: string }) {
  const translator = useTranslator();
  const { t, formatDate } = translator;
  const session = useSession();
  const keys = useResource<BackupKeyList>(`/backup-keys?customerId=${customerId}`);
  const canJudge = session.can('key_return_readiness');
  const readiness = useResource<KeyReturnReadinessReport>(
    canJudge ? `/key-return-readiness?customerId=${customerId}` : null,
  );
  const [open, setOpen] = useState<{ keyId: string; form: 'receipt' | 'return' } | undefined>();
  const [isAdding, setIsAdding] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const canWrite = session.can('backup_key', 'update');
  const canReturn = session.can('key_return_readiness', 'create');
  const today = readiness.data?.day ?? localToday();
  const state = readiness.data?.items[0];
  const done = (text: string) => {
    setNotice(text);
    setOpen(undefined);
    setIsAdding(false);
    setVersion((value) => value + 1);
    keys.reload();
    readiness.reload();
  };
  const toggle = (key: BackupKey, form: 'receipt' | 'return') =>
    setOpen(open?.keyId === key.id && open.form === form ? undefined : { keyId: key.id, form });
  const items = keys.data?.items ?? [];
  return (
    <Section title={t('backupKeys.title')} intro={t('backupKeys.sectionIntro')} section="backup-keys">
      {notice && <Notice>{notice}</Notice>}
      {state && items.some((key) => key.status === 'held') && (
        <div
          className={`notice ${state.isReady ? 'notice-success' : 'notice-warning'}`}
          data-readiness={state.isReady ? 'ready' : 'not-ready'}
        >
          <p>{state.isReady ? t('backupKeys.ready') : t('backupKeys.notReady')}</p>
          {!state.isReady && <ReadinessGaps missing={state.missing} />}
        </div>
      )}
      <ResourceTable
        resource={keys}
        emptyText={t('backupKeys.empty')}
        caption={t('backupKeys.title')}
        rowData={(key) => ({ 'data-backup-key': key.doorLabel })}
        columns={[
          {
            header: t('backupKeys.door'),
            render: (key) => (
              <>
                {key.doorLabel}
                {key.label && <div className="muted">{key.label}</div>}
              </>
            ),
          },
          ...keyHoldingColumns(translator),
          {
            header: t('backupKeys.status'),
            render: (key) =>
              key.status === 'held' ? (
                <span className="tag tag-installed">{t('backupKeys.status.held')}</span>
              ) : (
                <span className="muted">
                  {t('backupKeys.returnedOnTo', {
                    date: formatDate(key.returnedOn),
                    name: key.returnedTo ?? '',
                  })}
                </span>
              ),
          },
          {
            header: t('backupKeys.receipts'),
            render: (key) => (
              <>
                <KeyReceipts key={`${key.id}-${version}`} keyId={key.id} />
                <div className="backup-key-actions">
                  <a href={`/api/v1/backup-keys/${key.id}/receipt.pdf`} download data-action="receipt-pdf">
                    {t('backupKeys.receiptPdf')}
                  </a>
                  {canWrite && (
                    <RowButton onClick={() => toggle(key, 'receipt')}>
                      {t('backupKeys.recordReceipt')}
                    </RowButton>
                  )}
                  {canReturn && key.status === 'held' && (
                    <RowButton onClick={() => toggle(key, 'return')}>{t('backupKeys.return')}</RowButton>
                  )}
                </div>
              </>
            ),
          },
        ]}
      />
      {open &&
        (() => {
          const key = items.find((item) => item.id === open.keyId);
          if (!key) return null;
          return open.form === 'receipt' ? (
            <ReceiptForm backupKey={key} today={today} onDone={done} />
          ) : (
            <ReturnForm backupKey={key} today={today} onDone={done} onCancel={() => setOpen(undefined)} />
          );
        })()}
      {session.can('backup_key', 'create') &&
        (isAdding ? (
          <BackupKeyCreateForm customerId={customerId} onDone={done} />
        ) : (
          <div className="section-actions">
            <button type="button" className="button button-secondary" onClick={() => setIsAdding(true)}>
              {t('backupKeys.add')}
            </button>
          </div>
        ))}
    </Section>
  );
}
