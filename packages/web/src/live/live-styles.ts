// The live view's own styles, kept with it (the console's shared sheet stays untouched).
export const liveStyles = `
.live-top { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; margin-bottom: 0.75rem; }
.live-top p { margin: 0; }
.live-clock strong { font-variant-numeric: tabular-nums; font-size: 1.15rem; }
.live-connection { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 600; }
.live-dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--neutral); }
.live-connected .live-dot { background: var(--good); }
.live-reconnecting { color: var(--warning); }
.live-reconnecting .live-dot { background: var(--warning); }
.live-counters { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; }
.live-counters div { background: var(--paper); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.5rem 1rem; min-width: 9rem; }
.live-counters dt { color: var(--ink-muted); font-size: 0.9rem; }
.live-counters dd { margin: 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.live-counters .live-refused dd { color: var(--danger); }
.live-counters .live-lagging dd { color: var(--warning); }
.live-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 1rem; align-items: start; }
@media (max-width: 900px) { .live-grid { grid-template-columns: minmax(0, 1fr); } }
.live-feed { list-style: none; margin: 0; padding: 0; max-height: 26rem; overflow-y: auto; }
.live-event { display: grid; grid-template-columns: 4.5rem auto 1fr; gap: 0.25rem 0.5rem; align-items: center; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); }
.live-event time { font-variant-numeric: tabular-nums; color: var(--ink-muted); }
.live-event .live-who { grid-column: 2 / -1; color: var(--ink-muted); font-size: 0.9rem; }
.live-event-refused { background: var(--danger-soft); border-left: 4px solid var(--danger); }
.live-map svg { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: var(--radius); }
.live-map-ground { fill: var(--canvas); }
.live-map-note { fill: var(--ink-muted); font-size: 12px; }
.live-marker { cursor: pointer; outline: none; }
.live-marker-dot { fill: var(--primary); stroke: var(--paper); stroke-width: 2; transition: fill 0.3s; }
.live-marker:focus .live-marker-dot, .live-marker:hover .live-marker-dot { stroke: var(--focus); stroke-width: 3; }
.live-marker-opened .live-marker-dot { fill: var(--good); animation: live-pulse 1s ease-out 3; }
.live-marker-refused .live-marker-dot { fill: var(--danger); animation: live-pulse 1s ease-out 3; }
.live-marker-lag { fill: none; stroke: var(--warning); stroke-width: 3; stroke-dasharray: 4 3; }
.live-marker-label { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: var(--canvas); stroke-width: 3px; }
@keyframes live-pulse { 0% { r: 9; } 50% { r: 14; } 100% { r: 9; } }
.live-map-detail { margin-top: 0.5rem; min-height: 3rem; }
.live-map-detail ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
.live-row-lagging { background: var(--warning-soft); }
`;
