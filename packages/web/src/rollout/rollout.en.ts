import type { LabelTablesLike } from '../shared/labels';
import type { rolloutLabelsSv, rolloutSv } from './rollout.sv';

export const rolloutEn: Record<keyof typeof rolloutSv, string> = {
  'nav.rollout': 'Rollout',
  'rollout.title': 'Rollout per district',
  'rollout.intro':
    'How far each district has come: property owners’ consent, locks planned, mounted and in use, customers fully keyless and staff with a digital key.',
  'rollout.asOf': 'As of',
  'rollout.download': 'Download CSV',
  'rollout.tableTitle': 'Districts',
  'rollout.district': 'District',
  'rollout.startQuarter': 'Start quarter',
  'rollout.totals': 'Total',
  'rollout.noQuarter': 'Not set',
  'rollout.quarter': 'Q{quarter} {year}',
  'rollout.empty': 'The municipality has no districts yet.',
  'rollout.group.properties': 'Properties',
  'rollout.group.entranceLocks': 'Entrance locks',
  'rollout.group.apartmentLocks': 'Apartment locks',
  'rollout.group.customers': 'Customers',
  'rollout.col.properties': 'with entrances',
  'rollout.col.propertiesAsked': 'asked',
  'rollout.col.propertiesConsented': 'consented',
  'rollout.col.entranceLocksPlanned': 'planned',
  'rollout.col.entranceLocksInstalled': 'mounted',
  'rollout.col.entranceLocksInUse': 'in use',
  'rollout.col.apartmentLocksPlanned': 'planned',
  'rollout.col.apartmentLocksInstalled': 'mounted',
  'rollout.col.apartmentLocksInUse': 'in use',
  'rollout.col.customersServed': 'with a service',
  'rollout.col.customersKeyless': 'fully keyless',
  'rollout.col.staffWithKeys': 'Staff with keys',
  'rollout.col.customersNightAccess': 'behind a closed entrance (R2.6)',
  'rollout.chartTitle': 'The past year',
  'rollout.chartSummary':
    'On {day}: {installed} locks mounted, {inUse} in use and {keyless} fully keyless customers.',
  'rollout.series.locksInstalled': 'Locks mounted',
  'rollout.series.locksInUse': 'Locks in use',
  'rollout.series.customersKeyless': 'Fully keyless customers',
  'rollout.day': 'Day',
  'rollout.warningsTitle': 'Entrances that cannot be opened when night or alarm service comes',
  'rollout.warningsIntro':
    'Customers whose way in passes an entrance without a lock in use, where the door code or opening works only some hours (R2.6).',
  'rollout.warningsEmpty': 'No customer sits behind an entrance that is closed when their service comes.',
  'rollout.customer': 'Customer',
  'rollout.door': 'Door',
  'rollout.opens': 'Opens',
  'rollout.service': 'Service',
  'rollout.closedWhen': 'Closed when the service needs to get in',
  'rollout.customerWarningTitle': 'The entrance cannot be opened when the service comes',
  'rollout.customerWarning':
    '{door} ({address}) opens by {method} {hours}. {provider} ({service}) needs to get in {closed}.',
  'rollout.teamWarningsTitle': 'Customers behind entrances closed at night',
  'rollout.teamWarningsIntro':
    'The team’s customers whose entrance cannot be opened when the service comes, and when (R2.6). A lock in use on the entrance removes the warning.',
  'rollout.teamWarningsEmpty': 'None of the team’s customers sits behind a closed entrance.',
  'rollout.everyDay': 'every day',
  'rollout.aroundTheClock': 'around the clock',
  'rollout.hoursOn': '{days} {from}–{to}',
  'rollout.untilDay': '{days} {from} – {toDay} {to}',
};

export const rolloutLabelsEn: LabelTablesLike<typeof rolloutLabelsSv> = {
  openingMethod: {
    door_code: 'door code',
    fob_in_key_safe: 'fob in a key safe',
    key: 'key',
    always_open: 'unlocked',
    digital_lock: 'the building’s digital lock',
    other: 'another way',
  },
  weekday: { '1': 'Mon', '2': 'Tue', '3': 'Wed', '4': 'Thu', '5': 'Fri', '6': 'Sat', '7': 'Sun' },
};
