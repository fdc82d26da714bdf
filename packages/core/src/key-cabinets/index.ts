// Key cabinets (docs/key-cabinets.md): take authorisation, overdue keys, slot states.
export * from './key-cabinet-rules';
