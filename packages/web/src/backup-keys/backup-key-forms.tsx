// The forms of a backup key on the customer page: a signed receipt (with an optional scan, read
// in the browser as base64) and the return to the customer, which shows what is missing when the
// server refuses it (409 not_ready_for_return).
import type { BackupKey, ReadinessGap } from '@portvakt/contract';
import { keyReceiptKinds } from '@portvakt/contract';
import { useState } from 'react';
import { NamedChoiceField, TitledForm } from '../components';
import { ApiRequestError, postApi } from '../shared/api-client';
import { InputField, SubmitButton } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';
import { ReadinessGaps } from './readiness-gaps';

const scanTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** The file's bytes as base64, without the data-URL prefix. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A text field's value and setter, as a draft's `bind` gives them. */
interface TextValue {
  value: string;
  onValue: (value: string) => void;
}

/**
 * What a signed paper says about itself: the day (not after today), who signed, the witness
 * (the same words on every paper). `on` and `by` carry their own labels.
 */
function SignatureFields({
  today,
  on,
  by,
  witnessedBy,
}: {
  today: string;
  on: TextValue & { label: string };
  by: TextValue & { label: string };
  witnessedBy: TextValue;
}) {
  const { t } = useTranslator();
  return (
    <>
      <InputField type="date" max={today} required {...on} />
      {[by, { label: t('backupKeys.witnessedBy'), ...witnessedBy }].map((person) => (
        <InputField key={person.label} maxLength={200} required {...person} />
      ))}
    </>
  );
}

/** What a backup key's paper forms get: the key, today (the latest day a paper may bear), and `onDone`. */
interface BackupKeyFormProps {
  backupKey: BackupKey;
  today: string;
  onDone: (text: string) => void;
}

export function ReceiptForm({ backupKey, today, onDone }: BackupKeyFormProps) {
  const { t } = useTranslator();
  const [kind, setKind] = useState<string>(backupKey.status === 'returned' ? 'returned' : 'received');
  const { draft, bind } = useDraft({
    signedOn: backupKey.status === 'returned' ? today : backupKey.receivedOn,
    signedBy: backupKey.status === 'returned' ? '' : backupKey.customerName,
    witnessedBy: '',
  });
  const [file, setFile] = useState<File | null>(null);
  const sending = useFormSubmit(async () => {
    const contentType = scanTypes.find((type) => type === file?.type) ?? 'application/pdf';
    const document = file ? { contentType, base64: await readAsBase64(file) } : undefined;
    await postApi(`/backup-keys/${backupKey.id}/receipts`, {
      kind,
      signedOn: draft.signedOn,
      signedBy: draft.signedBy.trim(),
      witnessedBy: draft.witnessedBy.trim(),
      ...(document ? { document } : {}),
    });
    onDone(t('backupKeys.receiptRecorded'));
  });
  return (
    <TitledForm title={t('backupKeys.recordReceipt')} submitLabel={t('backupKeys.save')} sending={sending}>
      <div className="form-inline">
        <NamedChoiceField
          names="backupKeys.kind"
          label={t('backupKeys.receiptKind')}
          value={kind}
          values={keyReceiptKinds}
          onChoose={setKind}
        />
        <SignatureFields
          today={today}
          on={{ label: t('backupKeys.signedOn'), ...bind('signedOn') }}
          by={{ label: t('backupKeys.signedBy'), ...bind('signedBy') }}
          witnessedBy={bind('witnessedBy')}
        />
      </div>
      <InputField
        label={t('backupKeys.scan')}
        type="file"
        accept={scanTypes.join(',')}
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
    </TitledForm>
  );
}

export function ReturnForm({
  backupKey,
  today,
  onDone,
  onCancel,
}: BackupKeyFormProps & { onCancel: () => void }) {
  const { t } = useTranslator();
  const { draft, bind } = useDraft({
    returnedOn: today,
    returnedTo: backupKey.customerName,
    witnessedBy: '',
  });
  // A refusal for want of papers or keys lists what is missing under the problem.
  const [missing, setMissing] = useState<ReadinessGap[] | undefined>();
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    setMissing(undefined);
    try {
      await postApi(`/backup-keys/${backupKey.id}/return`, {
        version: backupKey.version,
        returnedOn: draft.returnedOn,
        returnedTo: draft.returnedTo.trim(),
        witnessedBy: draft.witnessedBy.trim(),
      });
    } catch (error) {
      const gaps =
        error instanceof ApiRequestError && error.code === 'not_ready_for_return'
          ? (error.details as { missing?: ReadinessGap[] } | undefined)?.missing
          : undefined;
      if (!gaps) throw error;
      setMissing(gaps);
      return say('backupKeys.notReady');
    }
    onDone(t('backupKeys.returned'));
  });
  return (
    <form className="form" aria-label={t('backupKeys.returnTitle')} onSubmit={(event) => void submit(event)}>
      <h3>{t('backupKeys.returnTitle')}</h3>
      {problem && (
        <div className="notice notice-error" role="alert" data-notice="not-ready">
          <p>{problem}</p>
          {missing && <ReadinessGaps missing={missing} />}
        </div>
      )}
      <div className="form-inline">
        <SignatureFields
          today={today}
          on={{ label: t('backupKeys.returnedOn'), ...bind('returnedOn') }}
          by={{ label: t('backupKeys.returnedTo'), ...bind('returnedTo') }}
          witnessedBy={bind('witnessedBy')}
        />
      </div>
      <div className="form-actions">
        <SubmitButton isBusy={isBusy}>{t('backupKeys.confirmReturn')}</SubmitButton>{' '}
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('backupKeys.cancel')}
        </button>
      </div>
    </form>
  );
}
