// What other capabilities use of the registry: the staff picker and the rows of the lists.
export type { CustomerRow } from './customers.page';
export { StaffPicker } from './staff-picker';
export type { StaffRow } from './staff.page';
export type { TeamRow } from './teams.page';
export { RegistryButton } from './registry-button';
