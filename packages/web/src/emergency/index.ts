// Emergency opening (docs/support.md "Emergency opening"): the board, the SLA report and the
// locksmith's public arrival page.
export { EmergencyBoardPage } from './emergency-board.page';
export { EmergencySlaPage } from './emergency-sla.page';
export { EmergencyArrivalPage } from './emergency-arrival.page';
