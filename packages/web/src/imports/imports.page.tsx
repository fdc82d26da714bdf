// The import page (docs/imports.md): choose the care system's files, preview the diff (created,
// changed field by field, ended), apply, and follow the import's progress until it is done. A role
// that reads imports but may not make them (the auditor) is told so instead of given the form.
import type { ImportChangeBody, ImportJob, ImportLineErrorBody, ImportOutcome } from '@portvakt/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../accounts';
import { postApi, requestApi, type ApiRequestError } from '../shared/api-client';
import { HeadedTable } from '../shared/data-table';
import { CheckboxField, InputField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { ErrorState, Notice } from '../shared/states';
import { sayImportSummary } from './import-counts';
import { sayCount } from '../shared/say-count';
import { nameImportField, sayImportValue } from './import-fields';
import { sayLineProblem, sayLineWhere } from './import-line-errors';

const pollIntervalMs = 500;

type Files = Array<{ name: string; content: string }>;

/** A field by its label in the reader's language; one without a label as the file or server names it. */
function FieldName({ field, kind }: { field: string; kind?: string }) {
  const { text, isStoredName } = nameImportField(field, useTranslator().language, kind);
  return isStoredName ? <code>{text}</code> : <>{text}</>;
}

function ChangesTable({ changes }: { changes: ImportChangeBody[] }) {
  const translator = useTranslator();
  const { t } = translator;
  const say = (change: ImportChangeBody, { field, before, after }: ImportChangeBody['fields'][number]) => ({
    before: sayImportValue(translator, change.kind, field, before),
    after: sayImportValue(translator, change.kind, field, after),
  });
  return (
    <HeadedTable
      className="data-table imports-changes"
      headers={[
        t('imports.col.action'),
        t('imports.col.kind'),
        t('imports.col.key'),
        t('imports.col.where'),
        t('imports.col.fields'),
      ]}
    >
      {changes.map((change) => (
        <tr key={`${change.kind} ${change.key}`} data-action={change.action}>
          <td>
            <span className={`tag imports-${change.action}`}>
              {t(`imports.action.${change.action}` as MessageKey)}
            </span>
          </td>
          <td>{t(`imports.kind.${change.kind}` as MessageKey)}</td>
          <td>{change.key}</td>
          <td>{change.file ? `${change.file}:${change.line}` : t('imports.notInFile')}</td>
          <td>
            <ul className="imports-fields">
              {change.fields.map((field) => (
                <li key={field.field}>
                  <FieldName field={field.field} kind={change.kind} />:{' '}
                  {change.action === 'create' ? '' : `${say(change, field).before} → `}
                  {say(change, field).after}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </HeadedTable>
  );
}

function OutcomeSection({ outcome, isApplied }: { outcome: ImportOutcome; isApplied: boolean }) {
  const translator = useTranslator();
  const { t } = translator;
  return (
    <Section title={t(isApplied ? 'imports.resultTitle' : 'imports.diffTitle')}>
      <p data-testid="import-summary">{sayImportSummary(translator, outcome, isApplied)}</p>
      {outcome.changes.length === 0 ? (
        <p>{t('imports.noChanges')}</p>
      ) : (
        <ChangesTable changes={outcome.changes} />
      )}
      {outcome.isTruncated && <p>{t('imports.truncated')}</p>}
    </Section>
  );
}

/**
 * The lines the server names (a file's errors, or the one a failed import stopped at), each in the
 * reader's words; `isProblemSaid` leaves out what is wrong when the page has said it already.
 */
function LineErrors({
  errors,
  title,
  intro,
  isProblemSaid = false,
}: {
  errors: ImportLineErrorBody[];
  title: string;
  intro?: string;
  isProblemSaid?: boolean;
}) {
  const translator = useTranslator();
  const { t } = translator;
  const headers = [t('imports.col.where'), t('imports.col.field')];
  return (
    <Section title={title}>
      {intro && <p>{intro}</p>}
      <HeadedTable
        className="data-table imports-errors"
        headers={isProblemSaid ? headers : [...headers, t('imports.col.message')]}
      >
        {errors.map((error) => (
          <tr key={`${error.file} ${error.line} ${error.field} ${error.code}`} data-code={error.code}>
            <td>{sayLineWhere(translator, error)}</td>
            <td>
              <FieldName field={error.field} />
            </td>
            {!isProblemSaid && <td>{sayLineProblem(translator, error)}</td>}
          </tr>
        ))}
      </HeadedTable>
    </Section>
  );
}

/**
 * Why an applied import failed, said once: the notice says why and the table where (the lines it
 * names carry the refusal's own code, so their words are the notice's); a line whose words differ
 * keeps them.
 */
function FailedImport({ error }: { error: NonNullable<ImportJob['error']> }) {
  const translator = useTranslator();
  const { t, describeError } = translator;
  const reason = describeError(error.code, error.message);
  const lines = error.errors ?? [];
  return (
    <>
      <Notice tone="error">{t('imports.failed', { message: reason })}</Notice>
      {lines.length > 0 && (
        <LineErrors
          errors={lines}
          title={t('imports.failedLineTitle')}
          isProblemSaid={lines.every((line) => sayLineProblem(translator, line) === reason)}
        />
      )}
    </>
  );
}

export function ImportsPage() {
  const translator = useTranslator();
  const { t, formatNumber } = translator;
  const canImport = useSession().can('care_system_import', 'create');
  const [files, setFiles] = useState<Files>([]);
  const [isFull, setIsFull] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [preview, setPreview] = useState<ImportJob | undefined>();
  const [job, setJob] = useState<ImportJob | undefined>();
  const [problem, setProblem] = useState<ApiRequestError | undefined>();

  // A running import is polled until it has succeeded or failed.
  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setTimeout(() => {
      requestApi<ImportJob>('GET', `/imports/${job.id}`).then(setJob, setProblem);
    }, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [job]);

  async function chooseFiles(list: FileList | null) {
    const chosen = await Promise.all(
      [...(list ?? [])].map(async (file) => ({ name: file.name, content: await file.text() })),
    );
    setFiles(chosen);
    setPreview(undefined);
    setJob(undefined);
    setProblem(undefined);
  }

  async function send(isDryRun: boolean) {
    setIsBusy(true);
    setProblem(undefined);
    // A new preview starts over: the last applied import's result is no longer what is shown.
    if (isDryRun) setJob(undefined);
    try {
      const answer = await postApi<ImportJob>('/imports', { files, isDryRun, isFull });
      if (isDryRun) setPreview(answer);
      else setJob(answer);
    } catch (error) {
      setProblem(error as ApiRequestError);
      setPreview(undefined);
    } finally {
      setIsBusy(false);
    }
  }

  function onPreview(event: FormEvent) {
    event.preventDefault();
    void send(true);
  }

  const lineErrors = (problem?.details as { errors?: ImportLineErrorBody[]; errorCount?: number } | undefined)
    ?.errors;
  const canApply = preview?.status === 'succeeded' && !job && !isBusy;
  if (!canImport)
    return (
      <Page title={t('imports.title')} intro={t('imports.intro')}>
        <p className="card" data-notice="imports-read-only">
          {t('imports.readOnly')}
        </p>
      </Page>
    );
  return (
    <Page title={t('imports.title')} intro={t('imports.intro')}>
      <form className="form imports-form" onSubmit={onPreview}>
        <InputField
          label={t('imports.files')}
          hint={t('imports.filesHelp')}
          type="file"
          multiple
          accept=".csv,.json,text/csv,application/json"
          data-testid="import-files"
          onChange={(event) => void chooseFiles(event.target.files)}
        />
        <CheckboxField
          label={t('imports.full')}
          isChecked={isFull}
          onChange={(isChecked) => {
            setIsFull(isChecked);
            setPreview(undefined);
          }}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={files.length === 0 || isBusy || job?.status === 'running'}
          >
            {isBusy ? t('imports.working') : t('imports.preview')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!canApply}
            onClick={() => void send(false)}
          >
            {t('imports.apply')}
          </button>
        </div>
      </form>
      {problem && lineErrors ? (
        <LineErrors
          errors={lineErrors}
          title={t('imports.errorsTitle')}
          intro={sayCount(
            translator,
            'imports.errorsIntro',
            (problem.details as { errorCount?: number }).errorCount ?? lineErrors.length,
          )}
        />
      ) : (
        problem && <ErrorState error={problem} />
      )}
      {job?.status === 'running' && (
        <Section title={t('imports.progressTitle')}>
          <progress
            className="imports-progress"
            value={job.rowsDone}
            max={Math.max(1, job.rowsTotal)}
            aria-label={t('imports.progressTitle')}
          />
          <p role="status" aria-live="polite">
            {sayCount(translator, 'imports.progress', job.rowsTotal, { done: formatNumber(job.rowsDone) })}
          </p>
        </Section>
      )}
      {job?.status === 'succeeded' && <Notice>{t('imports.done')}</Notice>}
      {job?.status === 'failed' && (
        <FailedImport error={job.error ?? { code: 'internal_error', message: '' }} />
      )}
      {(job?.status === 'succeeded' ? job.outcome : preview?.outcome) && (
        <OutcomeSection
          outcome={(job?.status === 'succeeded' ? job.outcome : preview!.outcome)!}
          isApplied={job?.status === 'succeeded'}
        />
      )}
    </Page>
  );
}
