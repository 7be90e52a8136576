import type { ReactNode } from 'react'

/**
 * A table that scrolls sideways on a narrow screen, under its column headings; while there are no
 * rows, a line that says so instead.
 */
export function ScrollTable({
  columns,
  empty,
  testId,
  children,
}: {
  columns: readonly ReactNode[]
  /** What to say instead of the table; null while there are rows. */
  empty: string | null
  testId: string
  /** The rows. */
  children: ReactNode
}) {
  if (empty !== null) return <p className="empty">{empty}</p>
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              // The headings are fixed for a table; their position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
