// The battery forms show a refused call as the API's error (ErrorState: the code in plain words,
// under the error heading), not as a line of text: this keeps that error and the busy state.
import { useState } from 'react';
import { ApiRequestError } from '../shared/api-client';

export function useApiCall() {
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  /** Runs `work`; an API refusal becomes `error`, anything else is thrown on. */
  const call = async (work: () => Promise<void>) => {
    setError(undefined);
    setIsBusy(true);
    try {
      await work();
    } catch (caught) {
      if (caught instanceof ApiRequestError) setError(caught);
      else throw caught;
    } finally {
      setIsBusy(false);
    }
  };
  return { error, isBusy, call };
}
