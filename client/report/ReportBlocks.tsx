/**
 * The report's blocks (core/report/reportBlocks.ts) as the page shows them: the same headings,
 * tables and charts as the HTML export, in React. Charts are shown as images of their SVG, so the
 * markup never runs in the page.
 */
import { Fragment } from 'react'
import type { ReportBlock } from '../../core/report/reportBlocks'
import { PageHeading } from '../shared/PageShell'

/** Every block, the report's first heading as the page's h1. */
export function ReportBlocks({ blocks }: { blocks: readonly ReportBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => (
        // The blocks of one report never reorder: their place is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <Fragment key={i}>
          <Block block={block} />
        </Fragment>
      ))}
    </>
  )
}

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'heading':
      if (block.level === 1) return <PageHeading>{block.text}</PageHeading>
      return block.level === 2 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>
    case 'paragraph':
      return <p>{block.text}</p>
    case 'list':
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )
    case 'table':
      return (
        <div className="table-scroll">
          <table className="table report__table">
            <caption>{block.caption}</caption>
            {block.columns.some(Boolean) ? (
              <thead>
                <tr>
                  {block.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {block.rows.length === 0 ? (
                <tr>
                  <td colSpan={block.columns.length}>None.</td>
                </tr>
              ) : (
                block.rows.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of one report never reorder.
                  <tr key={r}>
                    {row.map((cell, c) =>
                      c === 0 && !block.columns[0] ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells keep their column.
                        <th key={c} scope="row">
                          {cell}
                        </th>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells keep their column.
                        <td key={c}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )
    case 'chart':
      return (
        <figure className="report__chart">
          <figcaption>{block.title}</figcaption>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(block.svg)}`}
            alt={block.title}
          />
        </figure>
      )
  }
}
