// The state every console form keeps while it sends: the problem to show (the form's own check,
// or the server's refusal in the reader's language) and whether it is busy, with a handler that
// clears the problem, sends once and stops being busy however the sending ends.
import { useState, type FormEvent } from 'react';
import { useTranslator } from './i18n';

/** What one sending does, or the problem that stops it before anything is sent (a missing field). */
type Work = () => Promise<string | void> | string | void;

/**
 * The problem and busy state of sendings that are not a form's submit, or differ per call, and
 * `done`: what the last sending that went through says (set by the work, cleared by the next).
 */
export function useSending() {
  const { describeProblem } = useTranslator();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const run = async (work: Work) => {
    setProblem(undefined);
    setDone(undefined);
    setIsBusy(true);
    try {
      const refusal = await work();
      if (refusal) setProblem(refusal);
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      setIsBusy(false);
    }
  };
  return { problem, setProblem, done, setDone, isBusy, run };
}

/** A form's submit handler around `send`; it takes the form's event, or nothing from a button. */
export function useFormSubmit(send: Work) {
  const { run, ...state } = useSending();
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    return run(send);
  };
  return { ...state, submit };
}
