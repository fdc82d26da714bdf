// Work orders in the console: the planning board, an order's page, the installer's view, the
// customer's lock consent and providers introduced, lock usage.
export { WorkOrderBoardPage } from './work-order-board.page';
export { WorkOrderDetailPage } from './work-order-detail.page';
export { InstallerPage } from './installer.page';
export { InstallerOrderPage } from './installer-order.page';
export { LockConsentSection } from './lock-consent.section';
export { LockUsageBadge } from './lock-usage-badge';
export { NewWorkOrderButton } from './new-work-order-dialog';
