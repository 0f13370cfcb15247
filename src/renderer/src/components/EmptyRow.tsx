/** The one row of an empty table body, so the table never looks broken. */
export function EmptyRow({ columns, loading, text }: { columns: number; loading: boolean; text: string }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {loading ? 'Loading…' : text}
      </td>
    </tr>
  );
}
