import { errorCodes } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { errorsEn } from './errors.en';
import { errorsSv, serverWordedErrorCodes } from './errors.sv';

describe('the console’s error texts', () => {
  it('word every code the API sends in Swedish and English, but those the server words itself', () => {
    const serverWorded = new Set<string>(serverWordedErrorCodes);
    const unworded = errorCodes.filter((code) => !serverWorded.has(code) && !(code in errorsSv));
    expect(unworded).toEqual([]);
    const emptyEnglish = Object.entries(errorsEn).filter(([, text]) => text.trim() === '');
    expect(emptyEnglish).toEqual([]);
  });

  it('leave a code the server words in the reader’s language to the server', () => {
    for (const code of serverWordedErrorCodes) expect(code in errorsSv).toBe(false);
  });
});
