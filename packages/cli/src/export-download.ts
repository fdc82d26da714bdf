// Downloads one export file from the API (docs/exports.md "CLI"): streamed to a temporary file
// beside the target and renamed only when complete, so a refused or broken export leaves nothing.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createRowCounter } from './export-rows';

export interface ApiTarget {
  url: string;
  token: string;
}

/** An API refusal as the CLI reports it: the server's message and code. */
export class ExportRefusedError extends Error {}

async function refusalOf(response: Response): Promise<ExportRefusedError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { code?: string; message?: string };
    return new ExportRefusedError(`${body.message ?? 'refused'} (${response.status} ${body.code ?? ''})`);
  } catch {
    return new ExportRefusedError(`the server answered ${response.status}`);
  }
}

/** GETs `path` with the token; throws ExportRefusedError for any answer but 200. */
export async function fetchApi(target: ApiTarget, path: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(path, target.url), {
      headers: { authorization: `Bearer ${target.token}` },
    });
  } catch (error) {
    throw new ExportRefusedError(`cannot reach ${target.url}: ${(error as Error).message}`);
  }
  if (response.status !== 200) throw await refusalOf(response);
  return response;
}

/** Streams `path` into `file`, calling `onRows` with the rows counted so far; returns them. */
export async function downloadExport(
  target: ApiTarget,
  path: string,
  file: string,
  format: 'csv' | 'json',
  onRows: (rows: number) => void,
): Promise<number> {
  const response = await fetchApi(target, path);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const counter = createRowCounter(format);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      counter.feed(decoder.decode(chunk, { stream: true }));
      onRows(counter.rows);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
    return counter.rows;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw new ExportRefusedError(`the export broke off: ${(error as Error).message}`);
  }
}
