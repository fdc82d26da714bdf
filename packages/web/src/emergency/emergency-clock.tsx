// The board's live clocks. The server's `now` comes with the list; the page keeps its offset from
// the browser's clock and ticks every second, so the countdown agrees with the server's deadline
// flags (and with a server whose clock a test has fixed).
import { useEffect, useMemo, useState } from 'react';
import { emergencyNearMinutes } from '@portvakt/core';
import { useTranslator } from '../shared/i18n';

/** The server's time now, in milliseconds, updated every second. */
export function useServerClock(serverNow: string | undefined): number {
  const offset = useMemo(() => (serverNow ? Date.parse(serverNow) - Date.now() : 0), [serverNow]);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  return now;
}

function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${pad(minutes)}:${pad(rest)}`;
}

/** Near (amber) under 15 minutes left, overdue (red) past the deadline. */
export function judgeClockTone(dueAt: string, now: number): 'overdue' | 'near' | 'ok' {
  const left = Date.parse(dueAt) - now;
  if (left <= 0) return 'overdue';
  return left < emergencyNearMinutes * 60_000 ? 'near' : 'ok';
}

export function CountdownClock({ dueAt, now }: { dueAt: string; now: number }) {
  const { t } = useTranslator();
  const left = Date.parse(dueAt) - now;
  const tone = judgeClockTone(dueAt, now);
  return (
    <div className={`emergency-clock emergency-clock-${tone}`} data-tone={tone} role="timer" aria-live="off">
      <span className="emergency-clock-label">
        {left > 0 ? t('emergency.timeLeft') : t('emergency.overdueBy')}
      </span>
      <span className="emergency-clock-time">
        {left > 0 ? '' : '+'}
        {formatDuration(left)}
      </span>
    </div>
  );
}
