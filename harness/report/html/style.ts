// The page's style sheet, inline (the page fetches nothing). Coverage: reached green, not reached grey and
// dashed; a trace: the path so far blue, the current state bold, expected outcomes green, the observed red.
export const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5em 2em; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.5em; margin: 0.8em 0 0.3em; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { margin: 1.2em 0 0.4em; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12px; }
pre { margin: 0; white-space: pre; }
nav a { color: #1750a0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0.5em 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.summary, .notes { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }
.verdict { display: inline-block; padding: 0.1em 0.6em; border-radius: 3px; font-weight: 600; font-size: 0.9em; }
.verdict.ok { background: #d9f2dc; color: #145a1e; }
.verdict.bad { background: #f8d7d5; color: #8a1710; }
.defs { position: absolute; width: 0; height: 0; }
svg.diagram { width: 100%; max-width: 820px; height: auto; display: block; }
.state rect, .state-alias rect { fill: #fff; stroke: #444; stroke-width: 1.5; }
.state-alias rect { stroke-dasharray: 5 3; }
.state text, .state-alias text { font: 600 13px ui-monospace, 'DejaVu Sans Mono', monospace; fill: #1a1a1a; }
.state.covered rect, .state-alias.covered rect { fill: #d9f2dc; stroke: #2d7a39; }
.state.missing rect, .state-alias.missing rect { fill: #eee; stroke: #999; stroke-dasharray: 4 3; }
.state.missing text, .state-alias.missing text { fill: #777; }
.edge path { fill: none; stroke: #555; stroke-width: 1.4; marker-end: url(#arrow-unmeasured); }
.edge .label { font: 11px system-ui, sans-serif; fill: #333; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.edge .action { font-style: italic; fill: #555; }
.edge.note path { stroke-dasharray: 6 3; }
.edge.extra path { stroke: #b0b0b0; stroke-width: 1; stroke-dasharray: 2 3; }
.edge.covered path { stroke: #2d7a39; marker-end: url(#arrow-covered); }
.edge.extra.covered path { stroke: #7fb487; }
.edge.missing path { stroke: #bbb; stroke-dasharray: 4 3; marker-end: url(#arrow-missing); }
.edge.missing .label { fill: #999; }
.trace .edge.extra path { opacity: 0.6; }
.edge.trail path { stroke: #1750a0; stroke-width: 2.5; opacity: 1; stroke-dasharray: none; marker-end: url(#arrow-trail); }
.edge.current path { stroke: #e08a00; stroke-width: 3.5; opacity: 1; stroke-dasharray: none; marker-end: url(#arrow-current); }
.edge.expected path { stroke: #2d7a39; stroke-width: 3; opacity: 1; stroke-dasharray: 6 3; marker-end: url(#arrow-expected); }
.edge.observed path { stroke: #c0271b; stroke-width: 3; opacity: 1; stroke-dasharray: none; marker-end: url(#arrow-observed); }
.state.visited rect, .state-alias.visited rect { fill: #dce8f8; stroke: #1750a0; }
.state.current rect, .state-alias.current rect { fill: #ffe2b0; stroke: #e08a00; stroke-width: 3.5; }
.state.expected rect, .state-alias.expected rect { stroke: #2d7a39; stroke-width: 3.5; stroke-dasharray: 6 3; }
.state.observed rect, .state-alias.observed rect { fill: #f8d7d5; stroke: #c0271b; stroke-width: 3.5; }
.arrow-covered { fill: #2d7a39; } .arrow-missing { fill: #bbb; } .arrow-unmeasured { fill: #555; }
.arrow-trail { fill: #1750a0; } .arrow-current { fill: #e08a00; } .arrow-expected { fill: #2d7a39; }
.arrow-observed { fill: #c0271b; }
.legend .key { display: inline-block; width: 1.2em; height: 0.8em; border: 1.5px solid #444; vertical-align: middle; }
.legend .key.covered { background: #d9f2dc; border-color: #2d7a39; }
.legend .key.missing { background: #eee; border: 1.5px dashed #999; }
.legend .key.extra { border: none; border-top: 2px dotted #7fb487; height: 0; }
.coverage-grid, .trace-grid { display: grid; grid-template-columns: minmax(320px, 820px) minmax(300px, 1fr); gap: 1.5em; }
.coverage-grid > div, .trace-grid > div { min-width: 0; }
.figures th { text-align: left; padding-right: 1em; }
.figures td { padding-right: 1em; }
.trace { border-top: 1px solid #e4e4e4; }
.controls { margin: 0.4em 0; display: flex; gap: 0.4em; align-items: center; flex-wrap: wrap; }
.controls button { font: inherit; padding: 0.15em 0.6em; }
.position { color: #444; margin-left: 0.5em; }
.steps { list-style: none; padding: 0; margin: 0; overflow-x: auto; }
.step { padding: 0.15em 0.4em; border-left: 4px solid transparent; cursor: pointer; }
.step:hover { background: #f3f6fb; }
.step.selected { background: #fff4e0; border-left-color: #e08a00; }
.step.divergent pre { color: #8a1710; }
.divergence { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; background: #fbf1f0;
  padding: 0.5em; border-left: 4px solid #c0271b; }
.divergence dt { font-weight: 600; }
.divergence dd { margin: 0; }
.divergence .expected { color: #145a1e; } .divergence .observed { color: #8a1710; }
table.data { border-collapse: collapse; width: 100%; }
table.data th, table.data td { border: 1px solid #ddd; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
table.data thead th { background: #f0f0f0; position: sticky; top: 0; }
table.data tr.bad td { background: #fbeceb; }
table.data tr.ok td:first-child { border-left: 4px solid #2d7a39; }
table.data tr.missing td { background: #fbf6e6; }
.cite { color: #555; }
footer { margin-top: 3em; color: #666; font-size: 0.9em; }
`;
