// Battery forecasts and battery rounds (R2.4, docs/batteries.md).
export * from './battery-forecast';
export * from './battery-round';
export * from './battery-change-rules';
