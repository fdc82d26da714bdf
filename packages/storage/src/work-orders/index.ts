// Work orders on doors and their history (docs/work-orders.md).
export * from './work-order.repository';
