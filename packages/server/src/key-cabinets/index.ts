// Key cabinets (docs/key-cabinets.md): the registry and take routes, and the ingest step that
// closes takes from the cabinets' signed records.
export { registerKeyCabinetRoutes, keyCabinetRouteTemplates } from './key-cabinets.routes';
export { closeCabinetTakesAtIngest } from './close-cabinet-takes';
export { listProviderCabinetRecords, type CabinetRecordLine } from './list-provider-cabinet-records';
