// Draws docs/simulation/exposure-chart.svg from the exposure bench's samples
// (`npm run bench -- exposure --samples=docs/simulation/exposure-samples.json`): a histogram of
// block → lock exposure in 6-hour bins, hardware keys and phones stacked, the cumulative share of
// each kind as a line, and the p50, p95 and the ticket-expiry bound marked. Plain SVG: one static chart needs
// no charting library. Usage: tsx scripts/generate-exposure-chart.ts [samples.json] [chart.svg]
import { readFileSync, writeFileSync } from 'node:fs';

interface Samples {
  bound_hours: number;
  locks: number;
  staff: number;
  start: string;
  hours: { key: number[]; phone: number[] };
}

const [input = 'docs/simulation/exposure-samples.json', output = 'docs/simulation/exposure-chart.svg'] =
  process.argv.slice(2);
const samples = JSON.parse(readFileSync(input, 'utf8')) as Samples;
writeFileSync(output, drawExposureChart(samples));
console.log(`wrote ${output}`);

function percentileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

function drawExposureChart(samples: Samples): string {
  const binHours = 6;
  const bound = samples.bound_hours;
  const bins = Math.ceil(bound / binHours);
  const count = (values: number[]) => {
    const out = new Array<number>(bins).fill(0);
    for (const h of values) out[Math.min(bins - 1, Math.floor(h / binHours))]!++;
    return out;
  };
  const keys = count(samples.hours.key);
  const phones = count(samples.hours.phone);
  const all = [...samples.hours.key, ...samples.hours.phone].sort((a, b) => a - b);
  const total = all.length;
  const width = 760;
  const height = 380;
  const left = 60;
  const right = 60;
  const top = 50;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxBin = Math.max(1, ...keys.map((k, i) => k + phones[i]!));
  const yMax = Math.ceil(maxBin / 50) * 50;
  const x = (hours: number) => left + (hours / bound) * plotW;
  const y = (n: number) => top + plotH - (n / yMax) * plotH;
  const yShare = (share: number) => top + plotH - share * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">Block-list exposure: time until a lock the blocked key could open has learned the block</text>`,
    `<text x="${left}" y="40" fill="#555">${total} block–lock pairs, ${samples.locks} locks, ${samples.staff} staff, simulated week from ${samples.start.slice(0, 10)}; capped at the key's ticket expiry</text>`,
  );
  for (let n = 0; n <= yMax; n += yMax / 5) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(n)}" y2="${y(n)}" stroke="#e5e5e5"/>`,
      `<text x="${left - 8}" y="${y(n) + 4}" text-anchor="end">${n}</text>`,
      `<text x="${left + plotW + 8}" y="${yShare(n / yMax) + 4}" fill="#555">${Math.round((n / yMax) * 100)} %</text>`,
    );
  }
  const barW = plotW / bins;
  for (let i = 0; i < bins; i++) {
    const x0 = left + i * barW + 1;
    parts.push(
      `<rect x="${x0}" y="${y(keys[i]!)}" width="${barW - 2}" height="${y(0) - y(keys[i]!)}" fill="#3b6ea5"/>`,
      `<rect x="${x0}" y="${y(keys[i]! + phones[i]!)}" width="${barW - 2}" height="${y(keys[i]!) - y(keys[i]! + phones[i]!)}" fill="#7fb069"/>`,
    );
  }
  for (let h = 0; h <= bound; h += 24)
    parts.push(`<text x="${x(h)}" y="${top + plotH + 18}" text-anchor="middle">${h}</text>`);
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 18}" text-anchor="middle">hours from block until the lock learned it (bins of ${binHours} h)</text>`,
    `<text x="16" y="${top + plotH / 2}" transform="rotate(-90 16 ${top + plotH / 2})" text-anchor="middle">block–lock pairs</text>`,
    `<line x1="${left}" x2="${left + plotW}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
  );
  const cumulative = (values: number[], colour: string) => {
    const sortedValues = [...values].sort((a, b) => a - b);
    const points = sortedValues.map(
      (h, i) => `${x(h).toFixed(1)},${yShare((i + 1) / sortedValues.length).toFixed(1)}`,
    );
    parts.push(
      `<polyline points="${x(0)},${yShare(0)} ${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`,
    );
  };
  cumulative(samples.hours.key, '#1d3f66');
  cumulative(samples.hours.phone, '#3f7a2a');
  const mark = (hours: number, label: string, colour: string, row: number) =>
    parts.push(
      `<line x1="${x(hours)}" x2="${x(hours)}" y1="${top}" y2="${top + plotH}" stroke="${colour}" stroke-dasharray="5 3"/>`,
      `<text x="${Math.min(x(hours) + 4, left + plotW - 120)}" y="${top + 14 + row * 15}" fill="${colour}">${label}</text>`,
    );
  mark(percentileOf(all, 50), `p50 ${percentileOf(all, 50).toFixed(1)} h`, '#222', 0);
  mark(percentileOf(all, 95), `p95 ${percentileOf(all, 95).toFixed(1)} h`, '#a00', 1);
  mark(bound, `bound ${bound} h`, '#555', 0);
  const legendX = left + plotW - 250;
  const legendY = top + plotH - 120;
  parts.push(
    `<rect x="${legendX - 8}" y="${legendY - 12}" width="250" height="84" fill="#fff" stroke="#ddd"/>`,
    `<rect x="${legendX}" y="${legendY}" width="12" height="12" fill="#3b6ea5"/>`,
    `<text x="${legendX + 18}" y="${legendY + 10}">hardware keys (${samples.hours.key.length} pairs)</text>`,
    `<rect x="${legendX}" y="${legendY + 18}" width="12" height="12" fill="#7fb069"/>`,
    `<text x="${legendX + 18}" y="${legendY + 28}">phones (${samples.hours.phone.length} pairs)</text>`,
    `<line x1="${legendX}" x2="${legendX + 12}" y1="${legendY + 42}" y2="${legendY + 42}" stroke="#1d3f66" stroke-width="2"/>`,
    `<text x="${legendX + 18}" y="${legendY + 46}">cumulative share, keys (right axis)</text>`,
    `<line x1="${legendX}" x2="${legendX + 12}" y1="${legendY + 60}" y2="${legendY + 60}" stroke="#3f7a2a" stroke-width="2"/>`,
    `<text x="${legendX + 18}" y="${legendY + 64}">cumulative share, phones</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
