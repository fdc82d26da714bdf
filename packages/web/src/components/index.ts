// Components more than one capability uses that are not (yet) part of shared/.
export { RowButton, ShowAllButton } from './row-button';
export { createPublicLinkPage, LinkRefusal, PublicPage } from './public-page';
export { namedChoices } from './choices';
export { PendingPage } from './pending-page';
export { EServiceForm } from './eservice-form';
export { NamedChoiceField } from './named-choice-field';
export { SingleButtonForm, type SingleButtonFormProps } from './single-button-form';
export { TitledForm } from './titled-form';
