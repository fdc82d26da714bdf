import type { ApiRequestError } from './api-client';
import { ForbiddenPage, NotFoundPage } from './not-found.page';
import { Page } from './page';
import { ErrorState } from './states';

/**
 * How a detail page fails. A malformed id and a record outside the role's scope both read as
 * "not found": the console, like the API, never confirms that someone else's record exists.
 */
export function DetailError({
  error,
  title,
  onRetry,
}: {
  error: ApiRequestError;
  title: string;
  onRetry: () => void;
}) {
  if (error.status === 404 || error.status === 400) return <NotFoundPage />;
  if (error.status === 403) return <ForbiddenPage />;
  return (
    <Page title={title}>
      <ErrorState error={error} onRetry={onRetry} />
    </Page>
  );
}
