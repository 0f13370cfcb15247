/**
 * Frozen once shipped. Search (`applications.list` with a search term) at national scale.
 *
 * - An index of the state alone, keyed `(state, rowid)`, so that a search filtered by state checks
 *   each of its matches with one seek into a narrow index, instead of checking every row of that
 *   state against the matches (tens of thousands of rows). It indexes the expression
 *   `state || ''` (the state itself) so that only the queries that name it use it: the planner's
 *   choices for every other query on `state` stay as they were.
 * - The search index keeps exactly one row per application, so that a search with no filter takes
 *   its total from the search index alone: an application deleted (sync deletes rows the server
 *   deleted) leaves the search index too. Before this trigger a deleted application's terms stayed
 *   behind, and a later application given the same rowid matched them as well: the index is made
 *   again from the applications once, here.
 */
export const name = 'search_state';

export const sql = /* sql */ `
CREATE INDEX applications_search_state ON applications((state || ''));

CREATE TRIGGER applications_search_delete AFTER DELETE ON applications BEGIN
  DELETE FROM applications_search WHERE rowid = old.rowid;
END;

INSERT INTO applications_search (applications_search) VALUES ('delete-all');
INSERT INTO applications_search (rowid, terms) SELECT rowid, terms FROM application_search_terms;
`;
