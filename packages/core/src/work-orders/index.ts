// Work orders on doors: install, battery, move, dismount, repair, cylinder change (R6, R2.4).
export * from './work-order-rules';
export * from './install-needs';
export * from './lock-consent-rules';
