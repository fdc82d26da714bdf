// District sizes: a small one for tests, the demo's, and a Stockholm-like one for the exposure
// bench. Shares and rates are rough figures for Swedish home care (docs/simulation.md).

export interface DistrictParameters {
  /** Number of city districts (areas), each with its own home-care teams. */
  areas: number;
  customers: number;
  homeCareTeamsPerArea: number;
  /**
   * Home-care visits one staff member makes in an eight-hour shift; teams are staffed from their
   * customers' visits with it (five days on, two off), so routes end near the shift's end.
   */
  visitsPerStaffShift: number;
  /** Night-patrol and alarm teams each cover a block of neighbouring areas. */
  nightTeams: number;
  /** Night-patrol visits one staff member makes in a night (they drive). */
  nightVisitsPerStaffShift: number;
  alarmTeams: number;
  staffPerAlarmTeam: number;
  /** Share of teams that open doors with phones instead of hardware keys (R1.5). */
  phoneTeamShare: number;
  /** Share of customers living in a house (no entrance lock). */
  houseShare: number;
  /** Share of customers with home care; the others have a safety alarm only. */
  homeCareShare: number;
  /** Share of home-care customers visited once a week only (cleaning, shower). */
  weeklyOnlyShare: number;
  nightPatrolShare: number;
  safetyAlarmShare: number;
  /** Spread of properties around their area's centre, metres. */
  areaRadius: number;
  /** Distance between neighbouring area centres, metres. */
  areaSpacing: number;
}

export const smallDistrictParameters: DistrictParameters = {
  areas: 1,
  customers: 24,
  homeCareTeamsPerArea: 1,
  visitsPerStaffShift: 10,
  nightTeams: 1,
  nightVisitsPerStaffShift: 20,
  alarmTeams: 1,
  staffPerAlarmTeam: 6,
  phoneTeamShare: 0.5,
  houseShare: 0.2,
  homeCareShare: 0.85,
  weeklyOnlyShare: 0.15,
  nightPatrolShare: 0.2,
  safetyAlarmShare: 0.6,
  areaRadius: 500,
  areaSpacing: 3000,
};

export const demoDistrictParameters: DistrictParameters = {
  ...smallDistrictParameters,
  areas: 3,
  customers: 180,
  homeCareTeamsPerArea: 2,
  nightTeams: 1,
  alarmTeams: 1,
  staffPerAlarmTeam: 6,
  nightPatrolShare: 0.12,
  areaRadius: 700,
};

/** About a third of Stockholm's home care (≈ 20,000 customers city-wide). */
export const stockholmDistrictParameters: DistrictParameters = {
  ...demoDistrictParameters,
  areas: 13,
  customers: 2600,
  homeCareTeamsPerArea: 3,
  nightTeams: 4,
  alarmTeams: 4,
  staffPerAlarmTeam: 12,
  phoneTeamShare: 0.4,
  areaRadius: 900,
  areaSpacing: 3200,
};
