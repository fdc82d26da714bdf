import { errorCodes } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { errorsEn, errorsWithParamsEn } from './errors.en';
import { errorsSv, errorsWithParamsSv, serverWordedErrorCodes } from './errors.sv';

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

  it('have words without the number for every code worded with one, and name the same numbers in English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [code, text] of Object.entries(errorsWithParamsSv)) {
      expect(code in errorsSv).toBe(true);
      expect(placeholders(text).length).toBeGreaterThan(0);
      expect(placeholders(errorsWithParamsEn[code as keyof typeof errorsWithParamsSv])).toEqual(
        placeholders(text),
      );
    }
  });
});
