// Key cabinets (docs/key-cabinets.md): the registry and take routes, the ingest step that closes
// takes from the cabinets' signed records, and what a backup key's return or move does to its takes.
export { registerKeyCabinetRoutes, keyCabinetRouteTemplates } from './key-cabinets.routes';
export { closeCabinetTakesAtIngest } from './close-cabinet-takes';
export { releaseKeyFromTakes } from './release-key-takes';
export { listProviderCabinetRecords, type CabinetRecordLine } from './list-provider-cabinet-records';
