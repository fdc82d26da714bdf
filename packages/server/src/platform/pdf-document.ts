// The running-text A4 documents in Swedish (the consent letter, the key receipt): one page setup,
// Helvetica and Helvetica Bold, a left margin of 60 pt, and lines and wrapped paragraphs that move
// on to a new page near the bottom. Dated by the record they print, so the same record gives the
// same file.
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

const a4: [number, number] = [595.28, 841.89];
const top = 780;
const bottom = 70;

export interface TextOptions {
  size?: number;
  font?: PDFFont;
  /** Space below the line; 1.45 × the size unless given. */
  gap?: number;
}

/** Splits text into lines no wider than `width` at `size`. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** A document being written top to bottom: `y` is where the next line goes on `page`. */
export class TextDocument {
  readonly left = 60;
  readonly width = a4[0] - 2 * this.left;
  page: PDFPage;
  y = top;

  private constructor(
    private readonly pdf: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(a4);
  }

  static async create(title: string, createdAt: Date): Promise<TextDocument> {
    const pdf = await PDFDocument.create();
    pdf.setTitle(title);
    pdf.setLanguage('sv-SE');
    pdf.setCreator('Portvakt');
    pdf.setCreationDate(createdAt);
    pdf.setModificationDate(createdAt);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    return new TextDocument(pdf, font, bold);
  }

  line(value: string, options: TextOptions = {}): void {
    const size = options.size ?? 10.5;
    if (this.y < bottom) {
      this.page = this.pdf.addPage(a4);
      this.y = top;
    }
    this.page.drawText(value, { x: this.left, y: this.y, size, font: options.font ?? this.font });
    this.y -= options.gap ?? size * 1.45;
  }

  paragraph(value: string, options: Omit<TextOptions, 'gap'> = {}): void {
    for (const part of wrapText(value, options.font ?? this.font, options.size ?? 10.5, this.width))
      this.line(part, options);
  }

  save(): Promise<Uint8Array> {
    return this.pdf.save();
  }
}
