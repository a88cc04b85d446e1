// The shell of SiloLab's offline report pages: one HTML file with Chart.js, shared chart helpers and the data inline.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHART_HELPERS, FONT_STACK } from './chart-helpers.script';

let chartJs: string | null = null;

/** Chart.js's UMD bundle from node_modules (read once), made safe to inline in a <script> element. */
export function chartJsSource(): string {
  if (chartJs === null) {
    // chart.js does not export its dist/ files; find the package folder through its CommonJS entry.
    const umd = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
    chartJs = readFileSync(umd, 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return chartJs;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that can sit inside <script type="application/json"> (no `</script>`, no U+2028 surprises). */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
  body { font: 14px/1.45 ${FONT_STACK}; margin: 0; color: #1f2933; background: #f7f8fa; }
  header { background: #243b53; color: #fff; padding: 18px 28px; }
  header h1 { margin: 0 0 4px; font-size: 22px; }
  header p { margin: 0; opacity: .85; }
  main { padding: 16px 28px 48px; max-width: 1400px; }
  section { background: #fff; border: 1px solid #d9e2ec; border-radius: 6px; padding: 14px 18px; margin: 16px 0; }
  h2 { font-size: 17px; margin: 0 0 10px; }
  h3 { font-size: 14px; margin: 8px 0; color: #334e68; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px; }
  .chart { position: relative; height: 300px; }
  .wide { overflow-x: auto; }
  table { border-collapse: collapse; font-size: 12.5px; }
  th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; text-align: right; white-space: nowrap; }
  th { background: #f0f4f8; position: sticky; top: 0; }
  td.text, th.text { text-align: left; }
  .note { color: #627d98; font-size: 12.5px; }
  dl { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 0; }
  dt { color: #627d98; } dd { margin: 0; font-family: ui-monospace, monospace; font-size: 12.5px; word-break: break-all; }
  .pos { color: #0b7a3e; } .neg { color: #b42318; }
`;

/**
 * A complete, offline HTML page: no network requests (Chart.js is inlined), the data in a JSON script element read
 * by `script`. When the script has drawn every chart it sets `document.body.dataset.ready = "true"`.
 */
export function htmlPage(options: { title: string; subtitle: string; body: string; data: unknown; script: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.subtitle)}</p></header>
<main>
${options.body}
</main>
<script type="application/json" id="silolab-data">${inlineJson(options.data)}</script>
<script>${chartJsSource()}</script>
<script>${CHART_HELPERS}</script>
<script>${options.script}</script>
</body>
</html>
`;
}
