// The choices of the references most registry forms name: districts and providers, as the
// reader may see them (a work lead sees their own provider only).
import type { DistrictRow, ProviderRow } from '@portvakt/contract';
import { useReferenceChoices } from '../shared/registry-form';

export function useDistrictChoices() {
  const { choices, isLoading } = useReferenceChoices<DistrictRow>('districts', (row) => row.name);
  return { choices, isLoading };
}

export function useProviderChoices() {
  const { choices, isLoading } = useReferenceChoices<ProviderRow>('providers', (row) => row.name);
  return { choices, isLoading };
}
