// Components more than one capability uses that are not (yet) part of shared/.
export { RowButton, ShowAllButton } from './row-button';
export { LinkRefusal, PublicPage } from './public-page';
