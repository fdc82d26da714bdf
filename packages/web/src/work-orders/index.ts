// What the shell uses of work orders: the planning board, an order's page, the installer's view.
export { WorkOrderBoardPage } from './work-order-board.page';
export { WorkOrderDetailPage } from './work-order-detail.page';
export { InstallerPage } from './installer.page';
export { InstallerOrderPage } from './installer-order.page';
