// What other capabilities use of events: the event sections on the customer and lock pages.
export { BatteryHistorySection, RecentEventsSection, useCanReadEvents } from './event-sections';
export { BarChart, ChartFigure, ChartTable, chartWidth, ComparisonChart } from './chart';
export {
  DayAxisEnds,
  linePath,
  percentTicks,
  plotArea,
  RowLabel,
  useAxisDayFormat,
  ValueGrid,
} from './chart-parts';
// The live view (web/src/live) shows rows as the event list does.
export {
  describeDoor,
  describeLock,
  describeReason,
  describeResult,
  describeStaff,
  eventRowId,
  openAttemptKind,
  type EventRow,
} from './event-log';
