// What the app and other capabilities use of the registry's server side: its routes, and the
// hooks a change of a registry row runs inside its transaction (e.g. blocking a key).
export { registerRegistryRoutes } from './registry.routes';
export { registerMunicipalityRoutes } from './municipality.routes';
export { registerLockDismountRoutes, lockDismountRouteTemplates } from './lock-dismount.routes';
export { applyRegistryHooks, type HookOutcome } from './registry-hooks';
export { dismountLockInTransaction } from './dismount-lock';
export { readDismountReason } from './dismount-reason';
export { placeLock } from './place-lock';
// A registry write's steps, for imports that write many rows in one transaction (imports/).
export { checkCandidate, checkWrittenValues } from './registry-checks';
export { finishRegistryChange, updateRegistryRow } from './registry-write';
export { listRegistryEntities } from './list-registry-entities';
// The employment-end sweep and its periodic job (platform/server.ts starts it).
export { blockKeysOfEndedEmployments, type EmploymentEndSweep } from './block-ended-employment-keys';
export { startEmploymentEndJob } from './employment-end-job';
