// Support cases and support hours in the console (docs/support.md "Console").
export { SupportPage } from './support.page';
export { SupportCasePage } from './support-case.page';
export { SupportHoursNotice, useSupportHours } from './support-hours-notice';
