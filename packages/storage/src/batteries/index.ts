// Battery readings per day, battery changes, the locks a forecast or round is about (R2.4).
export * from './battery.repository';
