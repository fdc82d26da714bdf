// Text a person gave the command (a care-system file, a password on stdin), read as UTF-8 or not
// at all. Node's own decoding would turn every byte that is not UTF-8 into U+FFFD, so a file saved
// as Windows-1252 by Excel would be imported with "Åsa" stored as "\uFFFDsa" and no one told.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

/** The 1-based line of the first byte that is not UTF-8 (a line feed is never inside a character). */
function findFirstBadLine(bytes: Buffer): number {
  let start = 0;
  for (let line = 1; ; line += 1) {
    const end = bytes.indexOf(0x0a, start);
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return line;
    if (end === -1) return line;
    start = end + 1;
  }
}

/** `bytes` as text; throws, naming `source` and the line, when they are not UTF-8. */
export function decodeUtf8(bytes: Buffer, source: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  throw new Error(
    `${source} is not UTF-8 (line ${findFirstBadLine(bytes)}; perhaps Windows-1252 or Latin-1): save it as UTF-8 and try again. Nothing was changed.`,
  );
}

/** A file's text; refused, naming the file, when it is not UTF-8. */
export async function readUtf8File(path: string): Promise<string> {
  return decodeUtf8(await readFile(path), path);
}
