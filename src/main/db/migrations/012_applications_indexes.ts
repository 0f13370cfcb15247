/**
 * Frozen once shipped. Indexes on `applications` that earn their keep.
 *
 * Every change of an application's state (each approval, each settlement that makes one paid)
 * rewrites an entry in every index holding `state`: there were 14, and settling what auto-match
 * matched cost several times the matching itself (QUALITY.md: matching plus settling ≤ 5× the
 * exact-reference join). The indexes kept are those the grid and search name in their plans
 * (applications/queries.ts: one per sort key and filter seek, migration 003; `applications_flagged`;
 * `applications_search_state`, migration 007) and `applications_practitioner` (a practitioner's
 * applications by year, for review flags and imports; it holds no state). Dropped, as no plan
 * names them and an index kept serves each of their queries:
 *
 * - `applications_state_submitted (state, submitted_at)`: `applications_grid_state` seeks a state;
 * - `applications_year_state (licence_year, state, submitted_at)`: `applications_grid_year` and
 *   `applications_grid_year_submitted` hold a year's rows with their state;
 * - `applications_centre (centre_id, state)`: `applications_grid_centre` leads with the centre;
 * - `applications_submitted (submitted_at)`: the first column of `applications_grid_submitted`;
 * - `applications_sort_name (sort_name)`: the first column of `applications_grid_name`.
 */
export const name = 'applications_indexes';

export const sql = /* sql */ `
DROP INDEX IF EXISTS applications_state_submitted;
DROP INDEX IF EXISTS applications_year_state;
DROP INDEX IF EXISTS applications_centre;
DROP INDEX IF EXISTS applications_submitted;
DROP INDEX IF EXISTS applications_sort_name;
`;
