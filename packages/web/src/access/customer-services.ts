// What the customer page's permission sections share: the customer's services (whose providers
// the customer has chosen) and reloading when another section changed something.
import { useEffect, useRef } from 'react';

export interface CustomerServiceRow {
  id: string;
  service: string;
  providerId: string;
  startsOn: string;
  endsOn: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Services running now or later: the providers the customer has chosen (R3.2). */
export function chosenServices(services: CustomerServiceRow[]): CustomerServiceRow[] {
  const day = today();
  return services.filter((service) => !service.endsOn || service.endsOn >= day);
}

/** Calls `reload` whenever `version` changes after the first render (a change elsewhere on the page). */
export function useReloadOn(version: number, reload: () => void) {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}
