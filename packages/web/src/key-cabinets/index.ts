// Key cabinets in the console (docs/key-cabinets.md): the list and a cabinet's page.
export { KeyCabinetsPage } from './key-cabinets.page';
export { KeyCabinetPage } from './key-cabinet.page';
