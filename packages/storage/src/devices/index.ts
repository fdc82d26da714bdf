// Devices' storage: enrolments and issuer keys, key credentials and PIN reset codes, the block
// list, and what a phone's requests decide on.
export * from './issuer.repository';
export * from './block-list.repository';
export * from './device.repository';
export * from './key-credential.repository';
export * from './phone-key-context';
export * from './phone-doors.repository';
export * from './retired-key.repository';
