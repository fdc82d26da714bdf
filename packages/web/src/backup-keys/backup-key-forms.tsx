// The forms of a backup key on the customer page: a signed receipt (with an optional scan, read
// in the browser as base64) and the return to the customer, which shows what is missing when the
// server refuses it (409 not_ready_for_return).
import type { BackupKey, ReadinessGap } from '@portvakt/contract';
import { keyReceiptKinds } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, postApi } from '../shared/api-client';
import { ChoiceField, InputField, SubmitButton } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';
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

interface TextValue {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** What a signed paper says about itself: the day (not after today), who signed, the witness. */
function SignatureFields({
  today,
  on,
  by,
  witnessedBy,
}: {
  today: string;
  on: TextValue;
  by: TextValue;
  witnessedBy: TextValue;
}) {
  return (
    <>
      <InputField label={on.label} type="date" value={on.value} max={today} required onValue={on.onChange} />
      {[by, witnessedBy].map((person) => (
        <InputField
          key={person.label}
          label={person.label}
          value={person.value}
          maxLength={200}
          required
          onValue={person.onChange}
        />
      ))}
    </>
  );
}

export function ReceiptForm({
  backupKey,
  today,
  onDone,
}: {
  backupKey: BackupKey;
  today: string;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslator();
  const [kind, setKind] = useState<string>(backupKey.status === 'returned' ? 'returned' : 'received');
  const [signedOn, setSignedOn] = useState(backupKey.status === 'returned' ? today : backupKey.receivedOn);
  const [signedBy, setSignedBy] = useState(backupKey.status === 'returned' ? '' : backupKey.customerName);
  const [witnessedBy, setWitnessedBy] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    const contentType = scanTypes.find((type) => type === file?.type) ?? 'application/pdf';
    const document = file ? { contentType, base64: await readAsBase64(file) } : undefined;
    await postApi(`/backup-keys/${backupKey.id}/receipts`, {
      kind,
      signedOn,
      signedBy: signedBy.trim(),
      witnessedBy: witnessedBy.trim(),
      ...(document ? { document } : {}),
    });
    onDone(t('backupKeys.receiptRecorded'));
  });
  return (
    <form
      className="form"
      aria-label={t('backupKeys.recordReceipt')}
      onSubmit={(event) => void submit(event)}
    >
      <h3>{t('backupKeys.recordReceipt')}</h3>
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="form-inline">
        <ChoiceField
          label={t('backupKeys.receiptKind')}
          value={kind}
          values={keyReceiptKinds}
          nameOf={(value) => t(`backupKeys.kind.${value}` as MessageKey)}
          onChoose={setKind}
        />
        <SignatureFields
          today={today}
          on={{ label: t('backupKeys.signedOn'), value: signedOn, onChange: setSignedOn }}
          by={{ label: t('backupKeys.signedBy'), value: signedBy, onChange: setSignedBy }}
          witnessedBy={{ label: t('backupKeys.witnessedBy'), value: witnessedBy, onChange: setWitnessedBy }}
        />
      </div>
      <InputField
        label={t('backupKeys.scan')}
        type="file"
        accept={scanTypes.join(',')}
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      <div>
        <SubmitButton isBusy={isBusy}>{t('backupKeys.save')}</SubmitButton>
      </div>
    </form>
  );
}

export function ReturnForm({
  backupKey,
  today,
  onDone,
  onCancel,
}: {
  backupKey: BackupKey;
  today: string;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t, describeProblem } = useTranslator();
  const [returnedOn, setReturnedOn] = useState(today);
  const [returnedTo, setReturnedTo] = useState(backupKey.customerName);
  const [witnessedBy, setWitnessedBy] = useState('');
  const [problem, setProblem] = useState<{ text: string; missing?: ReadinessGap[] } | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setIsBusy(true);
    try {
      await postApi(`/backup-keys/${backupKey.id}/return`, {
        version: backupKey.version,
        returnedOn,
        returnedTo: returnedTo.trim(),
        witnessedBy: witnessedBy.trim(),
      });
      onDone(t('backupKeys.returned'));
    } catch (error) {
      const missing =
        error instanceof ApiRequestError && error.code === 'not_ready_for_return'
          ? (error.details as { missing?: ReadinessGap[] } | undefined)?.missing
          : undefined;
      setProblem(missing ? { text: t('backupKeys.notReady'), missing } : { text: describeProblem(error) });
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <form className="form" aria-label={t('backupKeys.returnTitle')} onSubmit={(event) => void submit(event)}>
      <h3>{t('backupKeys.returnTitle')}</h3>
      {problem && (
        <div className="notice notice-error" role="alert" data-notice="not-ready">
          <p>{problem.text}</p>
          {problem.missing && <ReadinessGaps missing={problem.missing} />}
        </div>
      )}
      <div className="form-inline">
        <SignatureFields
          today={today}
          on={{ label: t('backupKeys.returnedOn'), value: returnedOn, onChange: setReturnedOn }}
          by={{ label: t('backupKeys.returnedTo'), value: returnedTo, onChange: setReturnedTo }}
          witnessedBy={{ label: t('backupKeys.witnessedBy'), value: witnessedBy, onChange: setWitnessedBy }}
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
