// The rollout capability's public face in the console: the dashboard and the R2.6 warnings.
export { RolloutPage } from './rollout.page';
export { CustomerNightAccessNotice, TeamNightAccessSection } from './night-access';
