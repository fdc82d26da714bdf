// How far the installed locks are behind the block list in force, counted one way wherever the
// console shows it (the block list page, "Idag live"; docs/device-gateway.md): a lock that has
// reported an older version is behind; a lock that has never reported one is counted apart, as
// not reported, since nothing is known of what it holds.

/** Whether a lock that reported `version` (null: never) holds an older list than `current`. */
export function isBehindBlockList(version: number | null, current: number): boolean {
  return version !== null && version < current;
}

/** Of the locks' reported versions: how many are behind `current`, and how many never reported. */
export function countBlockListLag(
  versions: ReadonlyArray<number | null>,
  current: number,
): { behind: number; notReported: number } {
  let behind = 0;
  let notReported = 0;
  for (const version of versions) {
    if (version === null) notReported += 1;
    else if (version < current) behind += 1;
  }
  return { behind, notReported };
}
