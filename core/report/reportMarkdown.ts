/** The report as Markdown (GFM tables); charts are left to the HTML export, named where they go. */
import { escapeMarkdown, markdownCell } from '../text/escape'
import type { Report } from './model'
import { type ReportBlock, reportBlocks } from './reportBlocks'

/** The whole report as one Markdown document. */
export function reportMarkdown(report: Report): string {
  return `${reportBlocks(report).map(blockMarkdown).join('\n\n')}\n`
}

function blockMarkdown(block: ReportBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`
    case 'paragraph':
      return escapeMarkdown(block.text)
    case 'list':
      return block.items.map((item) => `- ${markdownCell(item)}`).join('\n')
    case 'table': {
      const caption = `**${escapeMarkdown(block.caption)}**`
      if (block.rows.length === 0) return `${caption}\n\nNone.`
      const row = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`
      return [
        caption,
        '',
        row(block.columns),
        `|${block.columns.map(() => ' --- ').join('|')}|`,
        ...block.rows.map(row),
      ].join('\n')
    }
    case 'chart':
      return `*${escapeMarkdown(block.title)}: see the HTML report for the chart.*`
  }
}
