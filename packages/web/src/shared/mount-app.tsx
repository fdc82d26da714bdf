// The console (index.html) and the phone app (app/index.html) each start by mounting one app into
// their page's element, the same way.
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders `app` into the element `#elementId` of `page`, which must have it. */
export function mountApp(page: string, elementId: string, app: ReactNode): void {
  const root = document.getElementById(elementId);
  if (!root) throw new Error(`${page} has no #${elementId}`);
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
