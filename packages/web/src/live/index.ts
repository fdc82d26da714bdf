// The live view's public face in the console: the page "Idag live".
export { LivePage } from './live.page';
