// Hostile labels for the summary's timeline: each Mermaid gantt statement written as a label
// would carry it (a task id, a listener Protocol). Mermaid's lexer matches them in any case.
// test/report/timeline.test.ts checks that the list covers every keyword of the installed
// Mermaid's gantt grammar; test/browser parses and renders each one in Chromium.
export const GANTT_KEYWORDS = [
  'title ALL OK',
  'section Evil',
  'gantt',
  'dateFormat YYYY',
  'axisFormat %Y',
  'tickInterval 1day',
  'excludes weekends',
  'includes 2026-01-01',
  'inclusiveEndDates',
  'topAxis',
  'todayMarker stroke-width:9px',
  'weekday monday',
  'weekend friday',
  'click task0 href "javascript:alert(1)"',
  'call alert()',
  'href "https://evil.example"',
  'accTitle: Evil',
  'accDescr: Evil',
  'accDescr { Evil }',
  'accDescription Evil',
  '2026-01-01 Evil',
  'vert',
  'milestone',
  'displayMode compact',
  '%%{init: {"theme": "forest"}}%%',
  '%% comment',
] as const;
