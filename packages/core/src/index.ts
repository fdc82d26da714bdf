export * from './roles';
export * from './policy';
export * from './registry';
export * from './registry-rules';
export * from './permission-facts';
export * from './permissions';
export * from './time-windows';
export * from './visits';
