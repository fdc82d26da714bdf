export * from './webhook-subscription.repository';
export * from './webhook-outbox.repository';
export * from './webhook-condition.repository';
