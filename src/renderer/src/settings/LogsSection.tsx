import { useState } from 'react';
import { bridge, unwrap } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';

/**
 * The desk's logs, for whoever supports it: the desktop app opens the folder; a browser cannot
 * open a folder on the computer, so it shows the folder's path.
 */
export function LogsSection() {
  const announce = useAnnounce();
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function open() {
    setError(null);
    try {
      const { opened, path } = unwrap(await bridge().openLogsFolder());
      setShown(opened ? null : path);
      announce(opened ? 'Opened the logs folder.' : `The logs are in ${path}.`);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="logs-title">
      <h3 id="logs-title">Logs</h3>
      <p className="muted">What went wrong on this desk, with the reference an error message gives, one file a day for two weeks.</p>
      <ErrorAlert error={error} />
      <button type="button" onClick={() => void open()}>
        Open logs folder
      </button>
      {shown && (
        <p>
          The logs are in <span className="mono">{shown}</span> on the computer that runs the desk.
        </p>
      )}
    </section>
  );
}
