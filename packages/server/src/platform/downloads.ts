// Files the API answers with (PDF letters and receipts, CSV exports): one way to send them, so
// each is saved under its name rather than shown, whatever route serves it.
import type { FastifyReply } from 'fastify';

/** The content types of the files routes send. */
export const csvType = 'text/csv; charset=utf-8';
export const pdfType = 'application/pdf';

/** Sends `content` as a download of `contentType`, saved as `fileName`. */
export function sendDownload(
  reply: FastifyReply,
  { contentType, fileName, content }: { contentType: string; fileName: string; content: string | Uint8Array },
): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(typeof content === 'string' || Buffer.isBuffer(content) ? content : Buffer.from(content));
}
