// Swedish texts of the rollout dashboard and the R2.6 warnings (docs/rollout.md).
import type { openingMethods } from '@portvakt/core';
import type { Labels } from '../shared/labels';

export const rolloutSv = {
  'nav.rollout': 'Utrullning',
  'rollout.title': 'Utrullning per distrikt',
  'rollout.intro':
    'Hur långt varje distrikt har kommit: fastighetsägarnas medgivanden, lås planerade, monterade och i bruk, kunder som är helt nyckelfria och personal med digital nyckel.',
  'rollout.asOf': 'Per dag',
  'rollout.download': 'Ladda ned CSV',
  'rollout.tableTitle': 'Distrikt',
  'rollout.district': 'Distrikt',
  'rollout.startQuarter': 'Start\u00adkvartal',
  'rollout.totals': 'Totalt',
  'rollout.noQuarter': 'Ej satt',
  'rollout.quarter': 'kvartal {quarter} {year}',
  'rollout.empty': 'Kommunen har inga distrikt ännu.',
  'rollout.group.properties': 'Fastigheter',
  'rollout.group.entranceLocks': 'Portlås',
  'rollout.group.apartmentLocks': 'Lägenhetslås',
  'rollout.group.customers': 'Kunder',
  // \u00ad: a soft hyphen, where a long word may break in the table's narrow column header.
  'rollout.col.properties': 'med portar',
  'rollout.col.propertiesAsked': 'tillfrå\u00adgade',
  'rollout.col.propertiesConsented': 'med\u00adgivande',
  'rollout.col.entranceLocksPlanned': 'plane\u00adrade',
  'rollout.col.entranceLocksInstalled': 'monte\u00adrade',
  'rollout.col.entranceLocksInUse': 'i bruk',
  'rollout.col.apartmentLocksPlanned': 'plane\u00adrade',
  'rollout.col.apartmentLocksInstalled': 'monte\u00adrade',
  'rollout.col.apartmentLocksInUse': 'i bruk',
  'rollout.col.customersServed': 'med insats',
  'rollout.col.customersKeyless': 'helt nyckel\u00adfria',
  'rollout.col.staffWithKeys': 'Personal med nyckel',
  'rollout.col.customersNightAccess': 'bakom stängd port (R2.6)',
  'rollout.chartTitle': 'Utvecklingen det senaste året',
  'rollout.chartSummary':
    'Den {day}: {installed} lås monterade, {inUse} i bruk och {keyless} helt nyckelfria kunder.',
  'rollout.series.locksInstalled': 'Lås monterade',
  'rollout.series.locksInUse': 'Lås i bruk',
  'rollout.series.customersKeyless': 'Helt nyckelfria kunder',
  'rollout.day': 'Dag',
  'rollout.warningsTitle': 'Portar som inte går att öppna när natt- eller larminsatsen kommer',
  'rollout.warningsIntro':
    'Kunder vars väg in går genom en port utan lås i bruk, där portkoden eller öppningen bara fungerar vissa tider (R2.6).',
  'rollout.warningsEmpty': 'Inga kunder står bakom en port som är stängd när deras insats kommer.',
  'rollout.customer': 'Kund',
  'rollout.door': 'Dörr',
  'rollout.opens': 'Öppnas',
  'rollout.service': 'Insats',
  'rollout.closedWhen': 'Stängd när insatsen behöver komma in',
  'rollout.customerWarningTitle': 'Porten går inte att öppna när insatsen kommer',
  'rollout.customerWarning':
    '{door} ({address}) öppnas med {method} {hours}. {provider} ({service}) behöver komma in {closed}.',
  'rollout.teamWarningsTitle': 'Kunder bakom portar som är stängda nattetid',
  'rollout.teamWarningsIntro':
    'Teamets kunder vars port inte går att öppna när insatsen kommer, och när (R2.6). Lås i bruk på porten tar bort varningen.',
  'rollout.teamWarningsEmpty': 'Inga av teamets kunder står bakom en stängd port.',
  'rollout.everyDay': 'alla dagar',
  'rollout.aroundTheClock': 'dygnet runt',
  'rollout.hoursOn': '{days} {from}–{to}',
  'rollout.untilDay': '{days} {from} – {toDay} {to}',
} as const;

/** Labels of the enumerations this capability shows. */
export const rolloutLabelsSv = {
  openingMethod: {
    door_code: 'portkod',
    fob_in_key_safe: 'tagg i nyckelgömma',
    key: 'nyckel',
    always_open: 'olåst',
    digital_lock: 'fastighetens digitala lås',
    other: 'annat sätt',
  } satisfies Labels<typeof openingMethods>,
  weekday: {
    '1': 'mån',
    '2': 'tis',
    '3': 'ons',
    '4': 'tors',
    '5': 'fre',
    '6': 'lör',
    '7': 'sön',
  } satisfies Labels<readonly ['1', '2', '3', '4', '5', '6', '7']>,
};
