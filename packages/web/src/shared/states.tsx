// Loading, empty, error and "arrives later" states, so every screen says plainly what is going on.
import type { ReactNode } from 'react';
import type { ApiRequestError } from './api-client';
import type { ResourceState } from './use-api';
import { useTranslator, type MessageKey } from './i18n';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslator();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** An API error in plain language, with a retry when the caller can retry. */
export function ErrorState({ error, onRetry }: { error: ApiRequestError; onRetry?: () => void }) {
  const { t, describeError } = useTranslator();
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('error.title')}:</strong> {describeError(error.code, error.message)}
      </p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * What a section shows about its data besides the data: loading, the error with a retry, or
 * `emptyText` once loaded when `isEmpty`.
 */
export function ResourceStates({
  resource,
  isEmpty,
  emptyText,
  children,
}: {
  resource: ResourceState<unknown>;
  isEmpty: boolean;
  emptyText: string;
  /** What shows the data, once there is some. */
  children?: ReactNode;
}) {
  return (
    <>
      {resource.isLoading && <LoadingState />}
      {resource.error && <ErrorState error={resource.error} onRetry={resource.reload} />}
      {resource.data !== undefined && isEmpty && <EmptyState>{emptyText}</EmptyState>}
      {resource.data !== undefined && !isEmpty && children}
    </>
  );
}

/**
 * A section whose data needs server features that are not built yet. It says so and shows
 * nothing else: an empty or invented list would mislead someone deciding who can get in.
 */
export function PendingFeature({
  title,
  feature,
  headingLevel = 2,
  children,
}: {
  title: string;
  feature: 'activation' | 'eventLog';
  headingLevel?: 2 | 3;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const featureKey: MessageKey =
    feature === 'activation' ? 'common.feature.activation' : 'common.feature.eventLog';
  return (
    <section className="card pending" aria-label={title} data-pending-feature={feature}>
      <Heading>{title}</Heading>
      <p className="pending-badge">{t('common.waitsFor', { feature: t(featureKey) })}</p>
      <p>{children}</p>
    </section>
  );
}

export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'error' }) {
  return (
    <p className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** What a sending says: the problem that stopped it, or else what the one that went through did. */
export function SendingNotice({ problem, done }: { problem: string | undefined; done: string | undefined }) {
  if (problem) return <Notice tone="error">{problem}</Notice>;
  return done ? <Notice>{done}</Notice> : null;
}

/** Label/value pairs for a detail page. */
export function FactList({ facts }: { facts: Array<[string, ReactNode]> }) {
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
