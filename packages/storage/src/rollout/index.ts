// Rollout's reads (docs/rollout.md): the facts of the rollout table and chart, and of the R2.6 rule.
export * from './rollout.repository';
