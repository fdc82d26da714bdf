// What other capabilities use of the registry's storage: scoped reads and writes of registry
// rows, the scope-to-SQL condition, municipalities, and who loses access when a lock comes off.
export * from './registry.repository';
export * from './municipality.repository';
export * from './lock-dismount.repository';
export * from './residents.repository';
export * from './serial.repository';
