// What other capabilities use of the registry's rules: the entity definitions and their kinds,
// the rules across rows and access paths, and what counts as dismounting a lock.
export * from './registry';
export * from './registry-rules';
export * from './lock-dismount';
export * from './home-move';
export * from './day-end-rules';
export * from './key-status-rules';
