import type { ImportReport } from '../../../shared/contract/applications.js';
import { Modal } from '../components/Modal.js';
import { ImportSteps, useFileImport } from '../components/useFileImport.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { LineTable, lineNotes } from '../components/LineTable.js';

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report">
      <p>
        {report.dryRun ? 'Checked' : 'Imported'} <strong>{report.fileName}</strong>: {plural(report.rowsRead, 'row')} read,{' '}
        {report.imported.toLocaleString('en-KE')} {report.dryRun ? 'to import' : 'imported'}, {report.resubmitted.toLocaleString('en-KE')} resubmitted,{' '}
        {report.unchanged.toLocaleString('en-KE')} unchanged.
      </p>
      {report.problems.length > 0 && (
        <>
          <p className="warn">{plural(report.problems.length, 'problem')} found. Nothing can be imported until the file is corrected.</p>
          <LineTable label="Problems in the file" heading="Problem" rows={lineNotes(report.problems)} />
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <p>
            {plural(report.warnings.length, 'warning')} in <strong>{report.fileName}</strong>: the rows can be imported, but correct these on eCitizen.
          </p>
          <LineTable label="Warnings in the file" heading="Warning" rows={lineNotes(report.warnings)} />
        </>
      )}
    </div>
  );
}

/** Import an applications file: a dry run first shows what would happen, then Import for real. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const announce = useAnnounce();
  const file = useFileImport('applications.import', async (report) => {
    announce(`Import finished: ${report.imported} imported, ${report.resubmitted} resubmitted, ${report.unchanged} unchanged.`);
  });

  return (
    <Modal title="Import applications" onClose={onClose}>
      <div className="field">
        <label htmlFor="import-file">Applications file (.csv or .xlsx)</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => void file.choose(e.target.files?.[0])}
          disabled={file.commit.isPending}
        />
        <p className="hint">The file is checked first; nothing changes until you press Import.</p>
      </div>
      <ImportSteps<'applications.import'> file={file} Report={ReportView} onClose={onClose} />
    </Modal>
  );
}
