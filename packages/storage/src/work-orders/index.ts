// Work orders on doors and their history (docs/work-orders.md).
export * from './work-order.repository';
export * from './lock-trigger.repository';
export * from './lock-consent.repository';
export * from './provider-introduction.repository';
export * from './lock-usage.repository';
