import { App } from './shared/app';
import { mountApp } from './shared/mount-app';

mountApp('index.html', 'root', <App />);
