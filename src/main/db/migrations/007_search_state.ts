/**
 * Frozen once shipped. An index for searches filtered by state (`applications.list` with a search
 * term and a state): the index of the state alone, keyed `(state, rowid)`, so that each of the
 * search's matches is checked with one seek into a narrow index, instead of every row of that
 * state being checked against the matches (tens of thousands of rows at national scale).
 *
 * It indexes the expression `state || ''` (the state itself) so that only the queries that name it
 * use it: the planner's choices for every other query on `state` stay as they were.
 */
export const name = 'search_state';

export const sql = /* sql */ `
CREATE INDEX applications_search_state ON applications((state || ''));
`;
