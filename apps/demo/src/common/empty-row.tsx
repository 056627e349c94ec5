import type { ReactNode } from 'react';

/** The one row of a table with nothing to list, across all its columns, saying why. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty-row">
        {children}
      </td>
    </tr>
  );
}
