// The manual's stylesheet, inlined so the HTML is one self-contained file. System fonts only:
// the file must not fetch anything. The print rules give each SOP its own page and number pages.

export const MANUAL_STYLESHEET = `
:root {
  --ink: #1c2430; --muted: #5a6676; --accent: #1f5f8b; --accent-soft: #e8f0f7;
  --rule: #d5dce5; --paper: #ffffff; --panel: #f5f7fa; --warn: #8a4b00;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { font-size: 16px; }
body {
  margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 4rem; color: var(--ink); background: var(--paper);
  font-family: "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; line-height: 1.55;
  -webkit-text-size-adjust: 100%;
}
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
p { margin: 0.4rem 0; }
a { color: var(--accent); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
.muted { color: var(--muted); }
.eyebrow { margin: 0 0 0.35rem; color: var(--accent); font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; }

.title-page { padding: 5rem 0 3rem; border-bottom: 4px solid var(--accent); margin-bottom: 2.5rem; }
.title-page h1 { font-size: 2.6rem; letter-spacing: -0.01em; }
.title-page .subtitle { color: var(--muted); font-size: 1.15rem; margin-top: 0.5rem; }
.title-page .facts { margin-top: 2.5rem; }

.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.25rem 1.5rem; margin: 1rem 0 0; }
.facts div { padding: 0.35rem 0; border-top: 1px solid var(--rule); }
.facts dt { color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; }
.facts dd { margin: 0; font-weight: 600; }

.toc { margin-bottom: 3rem; }
.toc h2 { font-size: 1.6rem; margin-bottom: 1rem; }
.toc-category h3 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--accent); margin: 1.25rem 0 0.35rem; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { border-bottom: 1px dotted var(--rule); }
.toc a { display: flex; gap: 0.75rem; padding: 0.3rem 0; color: var(--ink); text-decoration: none; }
.toc a:hover .toc-title, .toc a:focus .toc-title { text-decoration: underline; }
.toc-key { flex: 0 0 8.5rem; color: var(--muted); font-variant-numeric: tabular-nums; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; padding-top: 0.1rem; }

.sop { padding-top: 2.5rem; margin-top: 2.5rem; border-top: 2px solid var(--ink); }
.sop-header h2 { font-size: 1.9rem; }
.sop section { margin-top: 1.6rem; }
.sop h3 { font-size: 1.05rem; color: var(--accent); padding-bottom: 0.2rem; border-bottom: 1px solid var(--rule); margin-bottom: 0.5rem; }
.md h1, .md h2, .md h3, .md h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; color: var(--ink); border: 0; }
.md ul, .md ol { padding-left: 1.4rem; margin: 0.3rem 0; }
.md table, .approvals table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.92rem; }
.md th, .md td, .approvals th, .approvals td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.md th, .approvals th { background: var(--panel); font-weight: 600; }
.md blockquote { margin: 0.5rem 0; padding: 0.2rem 0.9rem; border-left: 3px solid var(--rule); color: var(--muted); }
.md pre { background: var(--panel); padding: 0.6rem 0.8rem; overflow-x: auto; }

.roles div, .glossary div { display: grid; grid-template-columns: 11rem 1fr; gap: 1rem; padding: 0.35rem 0; border-bottom: 1px solid var(--rule); }
.roles dt, .glossary dt { font-weight: 600; }
.roles dd, .glossary dd { margin: 0; }
.references { padding-left: 1.2rem; }

.steps { list-style: none; margin: 0; padding: 0; }
.steps .steps { margin-left: 2.6rem; }
.step { margin: 0.15rem 0; }
.step-line { display: flex; gap: 0.75rem; padding: 0.35rem 0; }
.step-number { flex: 0 0 auto; min-width: 2.2rem; font-weight: 700; color: var(--accent); font-variant-numeric: tabular-nums; }
.step-body { flex: 1; min-width: 0; }
.step-text { margin: 0; font-weight: 500; }
.step-decision > .step-line .step-text { font-weight: 700; }
.step-detail { color: var(--ink); font-size: 0.94rem; margin-top: 0.2rem; }
.step-note { margin: 0.25rem 0 0; font-size: 0.92rem; }
.step-note .label { display: inline-block; min-width: 8rem; color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; }
.record-note ul { margin: 0.15rem 0 0 1.2rem; padding: 0; list-style: disc; }
.referral-note strong { color: var(--warn); }
.badge { display: inline-block; margin-left: 0.35rem; padding: 0 0.45rem; border-radius: 999px; background: var(--accent-soft); color: var(--accent); font-size: 0.72rem; font-weight: 600; letter-spacing: 0.03em; vertical-align: 0.1em; }
.step-referral > .step-line .badge { background: #fbefe1; color: var(--warn); }
.branches { margin: 0.25rem 0 0.5rem 2.95rem; }
.branch { margin: 0.5rem 0; padding: 0.4rem 0.8rem 0.5rem; border-left: 3px solid var(--accent); background: var(--panel); }
.branch .steps { margin-left: 0; }
.branch-label { font-size: 0.95rem; }
.branch-letter { display: inline-block; min-width: 2.6rem; color: var(--accent); }
.branch-end, .branch-rejoin { margin: 0.3rem 0 0; font-size: 0.88rem; font-style: italic; color: var(--muted); }
.branch-end { color: var(--warn); font-style: normal; font-weight: 600; }

.flowchart figure { margin: 0.75rem 0 0; padding: 1rem; border: 1px solid var(--rule); background: var(--paper); text-align: center; }
.flowchart svg { max-width: 100%; height: auto; }
.flowchart figcaption { margin-top: 0.5rem; color: var(--muted); font-size: 0.85rem; }
.colophon { margin-top: 4rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }

@page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, Arial, sans-serif; color: #5a6676; } }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .title-page { min-height: 60vh; padding-top: 30vh; break-after: page; border-bottom: 0; }
  .toc { break-after: page; }
  .sop { break-before: page; border-top: 0; margin-top: 0; padding-top: 0; }
  .sop h3 { break-after: avoid; }
  .step-line, .branch-label, .roles div, .glossary div, tr, figure { break-inside: avoid; }
  .flowchart { break-before: auto; }
  .flowchart figure { border: 0; padding: 0; }
  /* A tall chart shrinks to one page rather than being cut. */
  .flowchart svg { max-height: 230mm; width: auto; }
  .colophon { break-before: avoid; }
}
`;
