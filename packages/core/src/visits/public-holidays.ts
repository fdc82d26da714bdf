// Swedish public holidays for the compensation run's weekend band (R5.2; docs/visits.md
// "Compensation run"). The dates come from `date-holidays` (a maintained, pure library with the
// rules bundled: Easter, Midsummer, All Saints' Day move every year), never from a list kept here.
import Holidays from 'date-holidays';

/** Which local days are paid as holidays. Days are local epoch days (local minute ÷ 1440). */
export interface HolidayCalendar {
  /** The holiday's Swedish name if `localDay` is one, else undefined. */
  holidayOn(localDay: number): string | undefined;
}

/** A calendar without holidays: only Saturdays and Sundays are weekend. */
export const noHolidays: HolidayCalendar = { holidayOn: () => undefined };

export interface SwedishHolidayOptions {
  /**
   * Whether midsommarafton, julafton and nyårsafton count: not röda dagar in law, but paid as
   * holidays in the collective agreements of home care (municipality setting
   * `compensationHolidayEves`, default true). Påskafton and pingstafton are always Saturdays.
   */
  areEvesHolidays: boolean;
}

const msPerDay = 86_400_000;

/**
 * The röda dagar (the library's `public` type: nyårsdagen, trettondedag jul, långfredagen,
 * påskdagen, annandag påsk, första maj, Kristi himmelsfärdsdag, pingstdagen, nationaldagen,
 * midsommardagen, alla helgons dag, juldagen, annandag jul) and, when asked, the three eves (its
 * `bank` type). Dates are local calendar dates, so the caller's clock decides the time zone.
 */
export function createSwedishHolidayCalendar(options: SwedishHolidayOptions): HolidayCalendar {
  const holidays = new Holidays('SE', { types: options.areEvesHolidays ? ['public', 'bank'] : ['public'] });
  const years = new Map<number, Map<number, string>>();
  const daysOf = (year: number): Map<number, string> => {
    let days = years.get(year);
    if (!days) {
      days = new Map();
      for (const holiday of holidays.getHolidays(year, 'sv')) {
        // `date` is the local date and time the holiday starts, "YYYY-MM-DD hh:mm:ss".
        const day = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`) / msPerDay;
        if (!days.has(day)) days.set(day, holiday.name);
      }
      years.set(year, days);
    }
    return days;
  };
  return {
    holidayOn: (localDay) => daysOf(new Date(localDay * msPerDay).getUTCFullYear()).get(localDay),
  };
}

/** Reads whether a municipality counts the eves as holidays (default true). */
export function readHolidayOptions(settings: Record<string, unknown>): SwedishHolidayOptions {
  return { areEvesHolidays: settings.compensationHolidayEves !== false };
}
