// English texts of the live view "Live today" (docs/live.md), typed against the Swedish ones.
import type { liveSv } from './live.sv';

export const liveEn: Record<keyof typeof liveSv, string> = {
  'nav.live': 'Live today',
  'live.title': 'Live today',
  'live.intro':
    'Openings and refused attempts today as they happen, the district’s properties, and which block list each lock holds.',
  'live.clock': 'Server clock',
  'live.connected': 'connected',
  'live.reconnecting': 'reconnecting',
  'live.connecting': 'connecting',
  'live.blockList': 'Block list in force: version {version}',
  'live.openings': 'Openings today',
  'live.refusals': 'Refused today',
  'live.lagging': 'Locks lagging behind (older block list)',
  'live.notReportedCount': 'Locks that have not reported a block list',
  'live.feedTitle': 'Today',
  'live.feedEmpty': 'No events today yet.',
  'live.mapTitle': 'The district',
  'live.mapIntro':
    'Each dot is a property; it flashes when a door there opens (green) or refuses (red). A ring means a lock lags behind on the block list.',
  'live.mapLabel': 'Schematic map of the properties',
  'live.noCoordinates': 'Without coordinates',
  'live.pickProperty': 'Point at or pick a property to see its locks.',
  'live.locksTitle': 'Locks',
  'live.locksEmpty': 'No installed locks to show.',
  'live.col.door': 'Door',
  'live.col.property': 'Property',
  'live.col.version': 'Block list',
  'live.col.lastHeard': 'Last heard',
  'live.col.battery': 'Battery',
  'live.col.today': 'Opened / refused today',
  'live.versionOf': 'has version {version} (current {current})',
  'live.behind': 'lagging',
  'live.notReported': 'not reported',
  'live.someone': 'person not shown',
};
