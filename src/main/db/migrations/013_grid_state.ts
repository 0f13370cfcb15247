/**
 * Frozen once shipped. The grid's indexes hold `grid_state`, the state with paid folded into
 * approved, instead of the state itself.
 *
 * Every application a settlement makes paid (approved → paid) rewrote an entry in each of the 12
 * indexes that held its state: 23,815 applications moved to paid cost 5.4–7.2 s with them, 0.81 s
 * without them, at national scale ×10 (QUALITY.md: auto-reconcile, matching plus settling ≤ 5×
 * the exact-reference join). `grid_state` does not change when an application is settled (or
 * unsettled), so settling rewrites only the two indexes that still need the state itself:
 * `applications_grid_state` (the state sort, and the seek and count of a state filter) and
 * `applications_search_state` (migration 007). The other grid indexes check a state filter on
 * `grid_state`, and for approved or paid read the state from the row as well
 * (applications/queries.ts). `applications_flagged` is narrowed to the flag count: it leads only
 * when no other filter does, so the state it carried was never read.
 *
 * Two triggers keep `grid_state` right whoever writes the row (a sync pull writes it as the
 * service has it; an insert that leaves it out gets it here); they do nothing when it is right.
 * Its default is `submitted`, the state applications arrive in, so that an import leaving it out
 * does not write each row twice.
 */
export const name = 'grid_state';

const FOLDED = (row: 'new') => `CASE ${row}.state WHEN 'paid' THEN 'approved' ELSE ${row}.state END`;

export const sql = /* sql */ `
DROP INDEX applications_grid_submitted;
DROP INDEX applications_grid_name;
DROP INDEX applications_grid_ref;
DROP INDEX applications_grid_cpd;
DROP INDEX applications_grid_year;
DROP INDEX applications_grid_year_submitted;
DROP INDEX applications_grid_year_ref;
DROP INDEX applications_grid_centre;
DROP INDEX applications_grid_county;
DROP INDEX applications_flagged;

ALTER TABLE applications ADD COLUMN grid_state TEXT NOT NULL DEFAULT 'submitted';
UPDATE applications SET grid_state = CASE state WHEN 'paid' THEN 'approved' ELSE state END;

CREATE TRIGGER applications_grid_state_insert AFTER INSERT ON applications
WHEN new.grid_state IS NOT ${FOLDED('new')} BEGIN
  UPDATE applications SET grid_state = ${FOLDED('new')} WHERE rowid = new.rowid;
END;
CREATE TRIGGER applications_grid_state_update AFTER UPDATE OF state, grid_state ON applications
WHEN new.grid_state IS NOT ${FOLDED('new')} BEGIN
  UPDATE applications SET grid_state = ${FOLDED('new')} WHERE rowid = new.rowid;
END;

CREATE INDEX applications_grid_submitted ON applications(submitted_at, id, grid_state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_name ON applications(sort_name, id, grid_state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_ref ON applications(application_ref, id, grid_state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_cpd ON applications(cpd_points, id, grid_state, licence_year, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year ON applications(licence_year, id, grid_state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year_submitted ON applications(licence_year, submitted_at, id, grid_state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_year_ref ON applications(licence_year, application_ref, id, grid_state, flag_count, cadre, centre_id, county);
CREATE INDEX applications_grid_centre ON applications(centre_id, id, grid_state, licence_year, flag_count, cadre, county);
CREATE INDEX applications_grid_county ON applications(county, grid_state, licence_year, flag_count, cadre, centre_id, id);
CREATE INDEX applications_flagged ON applications(flag_count);
`;
