/**
 * The report as one self-contained HTML file that a browser prints to PDF: inline CSS with a
 * print style, charts inline as SVG, nothing fetched from anywhere, every text escaped.
 */
import { escapeHtml } from '../text/escape'
import type { Report } from './model'
import { type ReportBlock, reportBlocks } from './reportBlocks'

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; margin-top: 2rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
figure { margin: 1rem 0; } figcaption { font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } table, figure { break-inside: avoid; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`

/** The whole report as an HTML document. */
export function reportHtml(report: Report): string {
  const title = escapeHtml(`After-action report: ${report.overview.title}`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${reportBlocks(report).map(blockHtml).join('\n')}
</body>
</html>
`
}

function blockHtml(block: ReportBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
    case 'table': {
      const head = block.columns.some(Boolean)
        ? `<thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`
        : ''
      const rows =
        block.rows.length > 0
          ? block.rows
              .map(
                (row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`,
              )
              .join('')
          : `<tr><td colspan="${block.columns.length}">None.</td></tr>`
      return `<table><caption>${escapeHtml(block.caption)}</caption>${head}<tbody>${rows}</tbody></table>`
    }
    case 'chart':
      // The SVG is built from escaped text (charts.ts).
      return `<figure><figcaption>${escapeHtml(block.title)}</figcaption>${block.svg}</figure>`
  }
}
