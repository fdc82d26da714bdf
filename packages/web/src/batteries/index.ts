// What other capabilities use of batteries: the lock page's forecast section and the lock list's
// battery view.
export { BatteryForecastSection } from './battery-forecast-section';
export { BatteryFilterForm, BatteryLockListPage, useIsBatteryView } from './battery-lock-list';
