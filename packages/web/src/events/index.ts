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
