// Reading back the text a PDF the server made shows, for tests that check what a reader sees.
// pdf-lib draws each `drawText` as one hex string in a (deflated) content stream; the standard
// fonts' WinAnsi encoding is Latin-1 for every character the reports use.
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';

/** The PDF's pages, each as the strings drawn on it, in drawing order. */
export async function readPdfText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
    const parts: string[] = [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as PDFRawStream;
      const raw = Buffer.from(stream.contents);
      const isFlate = String(stream.dict.get(PDFName.of('Filter'))) === '/FlateDecode';
      const text = (isFlate ? inflateSync(raw) : raw).toString('latin1');
      for (const match of text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
        parts.push(Buffer.from(match[1]!, 'hex').toString('latin1'));
    }
    return parts;
  });
}
