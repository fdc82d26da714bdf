export * from './webhook-rules';
export * from './webhook-events';
