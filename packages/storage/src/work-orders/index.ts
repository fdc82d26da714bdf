// Work orders on doors and their history (docs/work-orders.md).
export * from './work-order.repository';
export * from './work-order-query.repository';
