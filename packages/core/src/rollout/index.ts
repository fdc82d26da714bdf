// Rollout's public face (docs/rollout.md): opening hours and the R2.6 night-access rule, and the
// counting rules of the rollout table and chart (R8.1).
export * from './opening-hours';
export * from './night-access-rules';
export * from './rollout-rules';
