// The state every console form keeps while it sends: the problem to show (the form's own check,
// or the server's refusal in the reader's language, naming the field it refused by its label) and
// whether it is busy, with a handler that clears the problem, sends once and stops being busy
// however the sending ends.
import { useState, type FormEvent } from 'react';
import { useTranslator } from './i18n';

/** What one sending does, or the problem that stops it before anything is sent (a missing field). */
type Work = () => Promise<string | void> | string | void;

/**
 * The label of the form's control named `field` (`bind` names each control after its draft
 * field, which is the request's), without the "(required)" after it; undefined when there is none.
 */
export function findFormLabel(form: HTMLFormElement, field: string): string | undefined {
  const found = form.elements.namedItem(field);
  const control = found instanceof RadioNodeList ? found[0] : found;
  const label = (control as HTMLInputElement | null)?.labels?.[0];
  if (!label) return undefined;
  const text = label.cloneNode(true) as HTMLElement;
  text.querySelectorAll('.muted').forEach((note) => note.remove());
  return text.textContent?.trim() || undefined;
}

/**
 * The problem and busy state of sendings that are not a form's submit, or differ per call, and
 * `done`: what the last sending that went through says (set by the work, cleared by the next).
 * `run`'s `form`, when given, names a refused field by its label there.
 */
export function useSending() {
  const { describeProblem } = useTranslator();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const run = async (work: Work, form?: HTMLFormElement) => {
    setProblem(undefined);
    setDone(undefined);
    setIsBusy(true);
    try {
      const refusal = await work();
      if (refusal) setProblem(refusal);
    } catch (error) {
      setProblem(describeProblem(error, form && ((field) => findFormLabel(form, field))));
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
    // Read now: React clears the event's currentTarget once the handler returns.
    const form = event?.currentTarget instanceof HTMLFormElement ? event.currentTarget : undefined;
    return run(send, form);
  };
  return { ...state, submit };
}
