// Public surface of @portvakt/simulation: a district generated from a seed, simulated with the
// devices of @portvakt/devices on an injectable clock, emitting a typed event stream; and the
// block-list exposure measured from that stream.
export * from './admin-api';
export * from './district';
export * from './district-parameters';
export * from './district-issuer';
export * from './exposure';
export * from './generate-district';
export * from './random';
export * from './simulation';
export * from './simulation-options';
export * from './simulation-clock';
export * from './simulation-events';
export type { HeldDevice, DistrictDevices } from './district-devices';
export * from './http-district-issuer';
