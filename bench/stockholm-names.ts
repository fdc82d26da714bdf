// Names for generated Stockholm-scale worlds, shared by the benches that build one.
export {
  stockholmDistrictNames as districtNames,
  stockholmFamilyNames as familyNames,
  stockholmGivenNames as givenNames,
} from '@portvakt/simulation';
/**
 * The district of a provider's `team`-th team, both benches' worlds alike: day and home-health
 * providers work in 2–3 neighbouring districts from their home district; patrols spread wider.
 */
export function teamDistrictIndex(
  kind: string,
  home: number,
  team: number,
  provider: number,
  districtCount: number,
): number {
  const spread = kind === 'day' || kind === 'health' ? 3 : districtCount;
  return (home + (team % spread) + (kind === 'day' ? 0 : provider)) % districtCount;
}
