/**
 * Frozen once shipped. Indexes for the applications grid (`applications.list`) at national scale:
 * filter, sort and page in SQL without reading the wide table rows.
 *
 * - One index per sort key, `(key, id, <filter columns>)`: rows come out in the grid's order
 *   (`ORDER BY key, id`) and every filter is checked inside the index, so a page, even a deep one,
 *   is a walk along one narrow index and never a sort of the whole table.
 * - `state`, `licence_year` and `centre_id` lead their own sort indexes, which therefore also
 *   serve as "seek" indexes for those filters; `county` and `cadre` get one each, for counting.
 * - A licence year's applications lie together along the submission time and the reference, so
 *   the usual view (one year, by submission or reference) has its own `(licence_year, key, id, …)`.
 */
export const name = 'applications_grid';

export const sql = /* sql */ `
CREATE INDEX applications_grid_submitted ON applications(submitted_at, id, state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_name ON applications(sort_name, id, state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_ref ON applications(application_ref, id, state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_cpd ON applications(cpd_points, id, state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_state ON applications(state, id, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year ON applications(licence_year, id, state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year_submitted ON applications(licence_year, submitted_at, id, state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year_ref ON applications(licence_year, application_ref, id, state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_centre ON applications(centre_id, id, state, licence_year, flag_count, cadre, county);
CREATE INDEX applications_grid_county ON applications(county, state, licence_year, flag_count, cadre, centre_id, id);
CREATE INDEX applications_grid_cadre ON applications(cadre, flag_count);
`;
