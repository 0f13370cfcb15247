/**
 * Which application the queue points at. The highlighted row (`selectedId`) and the open
 * detail panel (`openId`) must both be applications the list shows: a search, filter, sort or
 * page that drops one must not leave the officer deciding a person they no longer see.
 */
export interface QueueFocus {
  selectedId: string | null;
  openId: string | null;
}

interface HasId {
  id: string;
}

function shows(rows: readonly HasId[], id: string | null): id is string {
  return id !== null && rows.some((r) => r.id === id);
}

/**
 * The focus kept to the rows shown: an open application that left the list closes; the
 * highlight stays where it was, or moves to the open application, or to the first row.
 */
export function keepToRows(rows: readonly HasId[], focus: QueueFocus): QueueFocus {
  const openId = shows(rows, focus.openId) ? focus.openId : null;
  const selectedId = shows(rows, focus.selectedId) ? focus.selectedId : (openId ?? rows[0]?.id ?? null);
  return { selectedId, openId };
}

/**
 * The application a decision key (a, r, t) acts on: the highlighted row, and only while the
 * list shown is the answer to the filters on screen (not a previous answer kept while the
 * next one loads, nor a search still being typed).
 */
export function decisionTarget(rows: readonly HasId[], selectedId: string | null, listIsCurrent: boolean): string | null {
  if (!listIsCurrent) return null;
  return shows(rows, selectedId) ? selectedId : null;
}
