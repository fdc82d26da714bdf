export * from './roles';
export * from './policy';
export * from './registry';
export * from './registry-rules';
