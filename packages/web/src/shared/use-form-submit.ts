// The state every console form keeps while it sends: the problem to show (the form's own check,
// or the server's refusal in the reader's language, naming the field it refused by its label) and
// whether it is busy, with a handler that clears the problem, sends once and stops being busy
// however the sending ends. Problems and outcomes are kept as said (the error, a message key),
// not as text, so one already shown follows a switch of language.
import { useLayoutEffect, useState, type FormEvent } from 'react';
import { useTranslator, type Said } from './i18n';

/** A problem or outcome: words said (`say(key)`, shown in the current language), or fixed text. */
export type Words = Said | string;

/** What one sending does, or the problem that stops it before anything is sent (a missing field). */
type Work = () => Promise<Words | void> | Words | void;

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
 * Words kept in state and shown in the current language. A refusal naming a field names it by the
 * form's label, which shows the new language only once the page is laid out again: a switch of
 * language is therefore followed by one more render, which reads the labels anew.
 */
function useWords(): [string | undefined, (words: Words | undefined) => void] {
  const translator = useTranslator();
  // Wrapped: React would take a bare function for an updater.
  const [kept, setKept] = useState<{ words: Words }>();
  const [, setLaidOutIn] = useState(translator);
  useLayoutEffect(() => setLaidOutIn(translator), [translator]);
  const shown = typeof kept?.words === 'function' ? kept.words(translator) : kept?.words;
  return [shown, (words) => setKept(words === undefined ? undefined : { words })];
}

/**
 * The problem and busy state of sendings that are not a form's submit, or differ per call, and
 * `done`: what the last sending that went through says (set by the work, cleared by the next).
 * `run`'s `form`, when given, names a refused field by its label there.
 */
export function useSending() {
  const [problem, setProblem] = useWords();
  const [done, setDone] = useWords();
  const [isBusy, setIsBusy] = useState(false);
  const run = async (work: Work, form?: HTMLFormElement) => {
    setProblem(undefined);
    setDone(undefined);
    setIsBusy(true);
    try {
      const refusal = await work();
      if (refusal) setProblem(refusal);
    } catch (error) {
      setProblem(({ describeProblem }) =>
        describeProblem(error, form && ((field) => findFormLabel(form, field))),
      );
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
