import { describe, expect, it } from 'vitest';
import { defaultBandRates, type BandRate } from './compensation';
import { isWholeOre, judgeCompensationRates, judgeRatesForDays } from './compensation-rates';

/** Every band at the same rate over one period. */
const allBands = (validFrom: string, validTo: string | null, perHour = 450): BandRate[] =>
  (['day', 'evening', 'night', 'weekend'] as const).map((band) => ({ band, perHour, validFrom, validTo }));
/** The other three bands, open-ended from 2026-01-01, and `day`'s rates as given. */
const withDayRates = (...day: Array<Omit<BandRate, 'band'>>): BandRate[] => [
  ...day.map((rate) => ({ band: 'day' as const, ...rate })),
  ...allBands('2026-01-01', null).filter((rate) => rate.band !== 'day'),
];

describe('a rate table', () => {
  it('is whole when each band has one rate for every day, a change of rate mid-month included', () => {
    expect(judgeCompensationRates(defaultBandRates)).toBeNull();
    expect(
      judgeCompensationRates(
        withDayRates(
          { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-10' },
          { perHour: 460.5, validFrom: '2026-11-11', validTo: null },
        ),
      ),
    ).toBeNull();
    // A table that ends: every band ends on the same day.
    expect(judgeCompensationRates(allBands('2026-01-01', '2026-12-31'))).toBeNull();
    expect(judgeCompensationRates(allBands('2026-01-01', '2026-01-01'))).toBeNull();
  });

  it('refuses a period that ends before it starts', () => {
    expect(
      judgeCompensationRates(withDayRates({ perHour: 450, validFrom: '2026-11-30', validTo: '2026-11-01' })),
    ).toMatchObject({
      code: 'ends_before_start',
      field: 'settings.compensationRates.0.validTo',
      band: 'day',
      day: '2026-11-01',
    });
  });

  it('refuses a gap, naming the band and the first day without a rate', () => {
    expect(
      judgeCompensationRates(
        withDayRates(
          { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-10' },
          { perHour: 460, validFrom: '2026-11-15', validTo: null },
        ),
      ),
    ).toMatchObject({ code: 'no_rate_for_day', band: 'day', day: '2026-11-11' });
  });

  it('refuses two rates of a band on one day', () => {
    expect(
      judgeCompensationRates(
        withDayRates(
          { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-11' },
          { perHour: 460, validFrom: '2026-11-11', validTo: null },
        ),
      ),
    ).toMatchObject({
      code: 'overlapping_rates',
      field: 'settings.compensationRates.1.validFrom',
      band: 'day',
      day: '2026-11-11',
    });
    // A rate after an open-ended one overlaps it too.
    expect(
      judgeCompensationRates(
        withDayRates(
          { perHour: 450, validFrom: '2026-01-01', validTo: null },
          { perHour: 460, validFrom: '2026-06-01', validTo: '2026-06-30' },
        ),
      ),
    ).toMatchObject({ code: 'overlapping_rates', day: '2026-06-01' });
  });

  it('refuses a band left out, or one that starts later or ends sooner than the others', () => {
    expect(judgeCompensationRates(allBands('2026-01-01', null).slice(1))).toMatchObject({
      code: 'no_rate_for_day',
      field: 'settings.compensationRates',
      band: 'day',
      day: '2026-01-01',
    });
    expect(
      judgeCompensationRates(withDayRates({ perHour: 450, validFrom: '2026-02-01', validTo: null })),
    ).toMatchObject({ code: 'no_rate_for_day', band: 'day', day: '2026-01-01' });
    expect(
      judgeCompensationRates(withDayRates({ perHour: 450, validFrom: '2026-01-01', validTo: '2026-12-31' })),
    ).toMatchObject({ code: 'no_rate_for_day', band: 'day', day: '2027-01-01' });
  });

  it('takes amounts in whole öre only', () => {
    expect([450, 450.5, 450.01, 0.29, 99_999.99].map(isWholeOre)).toEqual([true, true, true, true, true]);
    expect([450.005, 0.001, 1 / 3].map(isWholeOre)).toEqual([false, false, false]);
  });
});

describe('the days a run prices', () => {
  it('finds the first day a band has no rate, or two', () => {
    const gap = withDayRates(
      { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-10' },
      { perHour: 460, validFrom: '2026-11-15', validTo: null },
    );
    expect(judgeRatesForDays(gap, '2026-10-01', '2026-10-31')).toBeNull();
    expect(judgeRatesForDays(gap, '2026-11-01', '2026-11-30')).toMatchObject({
      code: 'no_rate_for_day',
      band: 'day',
      day: '2026-11-11',
    });
    // Reversed: the rate covers no day at all.
    const reversed = withDayRates({ perHour: 450, validFrom: '2026-11-30', validTo: '2026-11-01' });
    expect(judgeRatesForDays(reversed, '2026-11-01', '2026-11-30')).toMatchObject({
      code: 'no_rate_for_day',
      day: '2026-11-01',
    });
    const overlapping = withDayRates(
      { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-11' },
      { perHour: 460, validFrom: '2026-11-11', validTo: null },
    );
    expect(judgeRatesForDays(overlapping, '2026-11-01', '2026-11-30')).toMatchObject({
      code: 'overlapping_rates',
      band: 'day',
      day: '2026-11-11',
    });
    expect(judgeRatesForDays(defaultBandRates, '2026-11-01', '2026-11-30')).toBeNull();
  });
});
