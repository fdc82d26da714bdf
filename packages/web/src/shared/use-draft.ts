// A form's text fields kept as one record: `bind(name)` gives a field its name, value and
// onValue, so each field in the markup says only its label and limits. The name is the draft's
// field, which is the request's, so a refusal naming a field finds its label (use-form-submit.ts).
import { useState } from 'react';

/** The binder of a draft someone else keeps (a fields component's `draft` and `onChange`). */
export function bindDraft<Draft extends object>(draft: Draft, onChange: (next: Draft) => void) {
  return <Name extends keyof Draft>(name: Name) => ({
    name: String(name),
    value: draft[name],
    onValue: (value: Draft[Name]) => onChange({ ...draft, [name]: value }),
  });
}

export function useDraft<Draft extends Record<string, string>>(initial: Draft) {
  const [draft, setDraft] = useState(initial);
  return { draft, setDraft, bind: bindDraft(draft, setDraft), reset: () => setDraft(initial) };
}
