// The phone app's entry (app/index.html): renders the app and registers its service worker, whose
// scope is /app/ only, so the console is never served from the phone app's cache.
import { mountApp } from '../shared/mount-app';
import { PhoneApp } from './phone-app';

mountApp('app/index.html', 'phone-app', <PhoneApp />);

if ('serviceWorker' in navigator)
  void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
