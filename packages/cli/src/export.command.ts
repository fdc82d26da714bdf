// `portvakt export` (issue #15 item 2, docs/exports.md): the registry, permissions as granted, or
// a period's events or visits, as CSV or JSON, through the API as the token's actor, so that the
// file holds exactly what that actor sees over the API. Progress goes to stderr.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { exportFormats, exportSubjects, type ExportFormat, type ExportSubject } from '@portvakt/contract';
import { defaultVisitSettings } from '@portvakt/core';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parsePeriodFlags } from './argument-checks';
import { downloadExport, fetchApi, type ApiTarget } from './export-download';

interface ExportOptions {
  url: string;
  token?: string;
  what: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
}

/** The options as the API is asked: a bad one is refused naming its flag before any request. */
export function checkExportOptions(options: ExportOptions): {
  target: ApiTarget;
  what: ExportSubject;
  format: ExportFormat;
  period: string;
} {
  const token = options.token ?? process.env.PORTVAKT_TOKEN;
  if (!token) throw new Error('an API token is needed: --token or PORTVAKT_TOKEN');
  if (!(exportSubjects as readonly string[]).includes(options.what))
    throw new Error(`--what must be one of ${exportSubjects.join(', ')}, not "${options.what}"`);
  if (!(exportFormats as readonly string[]).includes(options.format))
    throw new Error(`--format must be one of ${exportFormats.join(', ')}, not "${options.format}"`);
  // A day (`2026-03-01`) is its midnight in the municipality's zone, as every day a person sees
  // is: `--from 2026-11-01 --to 2026-12-01` is the local November a compensation run counts.
  const { from, to } = parsePeriodFlags(options, defaultVisitSettings.timeZone);
  const period = new URLSearchParams();
  if (from) period.set('from', from.toISOString());
  if (to) period.set('to', to.toISOString());
  return {
    target: { url: options.url, token },
    what: options.what as ExportSubject,
    format: options.format as ExportFormat,
    period: period.toString(),
  };
}

async function isPresent(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Export the registry, permissions as granted, or a period’s events or visits through the API, as the token’s actor sees them.',
    )
    .requiredOption('--url <url>', 'the Portvakt server, e.g. https://portvakt.example.se')
    .option('--token <token>', 'an API token (or set PORTVAKT_TOKEN)')
    .requiredOption('--what <what>', `what to export: ${exportSubjects.join(', ')}`)
    .option(
      '--from <instant>',
      'events and visits: from this day (00:00 Europe/Stockholm) or ISO time with its offset (inclusive), e.g. 2026-03-01',
    )
    .option(
      '--to <instant>',
      'events and visits: to this day (00:00 Europe/Stockholm) or ISO time with its offset (exclusive), e.g. 2026-04-01',
    )
    .option('--format <format>', 'csv or json', 'json')
    .option(
      '--out <path>',
      'the file to write (registry or permissions as CSV: a directory, one file per kind); default portvakt-<what>.<format>',
    )
    .action(async (options: ExportOptions) => {
      const { target, what, format, period } = checkExportOptions(options);
      // The scoped count first: it checks the token, the period and the role before anything is written.
      const count = (await (await fetchApi(target, `/api/v1/exports/${what}/count?${period}`)).json()) as {
        total: number;
        parts: Array<{ kind: string; total: number }>;
      };
      const isDirectory = format === 'csv' && (what === 'registry' || what === 'permissions');
      const out = options.out ?? (isDirectory ? `portvakt-${what}` : `portvakt-${what}.${format}`);
      if (await isPresent(out)) throw new Error(`${out} exists already; choose another --out`);
      const bar = new SingleBar(
        {
          format: `export ${what} [{bar}] {percentage}% {value}/{total} rows`,
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 1000,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      bar.start(count.total, 0);
      let done = 0;
      try {
        if (isDirectory) {
          await mkdir(out);
          for (const part of count.parts) {
            const query = new URLSearchParams({ format, kind: part.kind });
            done += await downloadExport(
              target,
              `/api/v1/exports/${what}?${query.toString()}`,
              join(out, `${part.kind}.csv`),
              format,
              (rows) => bar.update(Math.min(done + rows, count.total)),
            );
          }
        } else {
          done = await downloadExport(
            target,
            `/api/v1/exports/${what}?format=${format}${period ? `&${period}` : ''}`,
            out,
            format,
            (rows) => bar.update(Math.min(rows, count.total)),
          );
        }
        // The rows may have changed since they were counted: the bar ends at what was written.
        bar.setTotal(done);
        bar.update(done);
      } catch (error) {
        if (isDirectory) await rm(out, { recursive: true, force: true });
        throw error;
      } finally {
        bar.stop();
      }
      console.error(`Wrote ${done} rows to ${out}.`);
    });
}
