// A detail page before its record is there: the page's title and way back, over the loading
// state or the error with its retry, so the reader is never left on a blank page.
import { Page } from '../shared/page';
import { ErrorState, LoadingState } from '../shared/states';
import type { ResourceState } from '../shared/use-api';

export function PendingPage({
  title,
  backTo,
  resource,
}: {
  title: string;
  backTo: string;
  resource: ResourceState<unknown>;
}) {
  return (
    <Page title={title} backTo={backTo}>
      {resource.error ? <ErrorState error={resource.error} onRetry={resource.reload} /> : <LoadingState />}
    </Page>
  );
}
