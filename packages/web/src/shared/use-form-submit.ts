// The state every console form keeps while it sends: the problem to show (the server's refusal in
// the reader's language) and whether it is busy, with a submit handler that clears the problem,
// sends once and stops being busy however the sending ends.
import { useState, type FormEvent } from 'react';
import { useTranslator } from './i18n';

export function useFormSubmit(send: () => Promise<void>) {
  const { describeProblem } = useTranslator();
  const [problem, setProblem] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setIsBusy(true);
    try {
      await send();
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      setIsBusy(false);
    }
  };
  return { problem, isBusy, submit };
}
