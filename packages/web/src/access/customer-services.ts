// What the customer page's permission sections share: the customer's services (whose providers
// the customer has chosen), reloading when another section changed something, and making a change.
import type { Static } from 'typebox';
import type { CustomerServiceRow as CustomerServiceRowSchema } from '@portvakt/contract';
import { useEffect, useRef, useState } from 'react';
import { withQuery, type Page as ApiPage } from '../shared/api-client';
import { isCurrentOn, localToday } from '../shared/dates';
import { useTranslator } from '../shared/i18n';
import { useResource } from '../shared/use-api';

export type CustomerServiceRow = Static<typeof CustomerServiceRowSchema>;

/** The props of a section that changes the customer's permissions. */
export interface CustomerSectionProps {
  customerId: string;
  services: CustomerServiceRow[] | undefined;
  /** Bumped when another section changed something, so this one reloads. */
  version: number;
  onChanged: () => void;
}

/** Services running today (the browser's day) or later: the providers the customer has chosen (R3.2). */
export function chosenServices(services: CustomerServiceRow[], now = new Date()): CustomerServiceRow[] {
  const today = localToday(now);
  return services.filter((service) => isCurrentOn(service.endsOn, today));
}

/** Calls `reload` whenever `version` changes after the first render (a change elsewhere on the page). */
export function useReloadOn(version: number, reload: () => void) {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}

/** The customer's dated rows at `path` (grants, team assignments), newest first, reloaded on `version`. */
export function useCustomerRows<T>(path: string, customerId: string, version: number) {
  const rows = useResource<ApiPage<T>>(withQuery(path, { customerId, limit: 100, sort: '-validFrom' }));
  useReloadOn(version, rows.reload);
  return rows;
}

export interface SectionNotice {
  text: string;
  tone: 'success' | 'error';
}

/**
 * One change made from a section: busy while `work` runs, then its success text (or the problem)
 * as a notice, and the section and the rest of the page reload.
 */
export function useSectionChange(reload: () => void, onChanged: () => void) {
  const { describeProblem } = useTranslator();
  const [notice, setNotice] = useState<SectionNotice | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setIsBusy(true);
    try {
      setNotice({ text: await work(), tone: 'success' });
      reload();
      onChanged();
    } catch (error) {
      setNotice({ text: describeProblem(error), tone: 'error' });
    } finally {
      setIsBusy(false);
    }
  };
  return { notice, setNotice, isBusy, run };
}
