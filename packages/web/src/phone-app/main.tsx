// The phone app's entry (app/index.html): renders the app and registers its service worker, whose
// scope is /app/ only, so the console is never served from the phone app's cache.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './phone-app';

const root = document.getElementById('phone-app');
if (!root) throw new Error('app/index.html has no #phone-app');
createRoot(root).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);

if ('serviceWorker' in navigator)
  void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
