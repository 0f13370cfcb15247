import { useState, type FormEvent } from 'react';
import { formatNairobi } from '../../../shared/time.js';
import { ApiError, fieldError } from '../api/ApiError.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useSession } from '../session/SessionContext.js';
import { useAnnounce } from '../shell/Announcer.js';
import { plural } from '../shell/labels.js';
import { JoinAgainForm } from './JoinAgainForm.js';
import { JoinedDesks } from './JoinedDesks.js';
import { SYNC_STATUS_REFRESH_MS } from './SyncIndicator.js';
import { UpdateOffered } from './UpdateOffered.js';

/** Settings, Sync: point this desk at the central service (join), see how it stands, or leave it. */
export function SyncSection() {
  const status = useApiQuery('sync.status', {}, { refetchInterval: SYNC_STATUS_REFRESH_MS });
  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Central service</h2>
      <ErrorAlert error={status.error} />
      {!status.data ? <p className="muted">Loading…</p> : status.data.joined ? <Joined /> : <JoinForm />}
      <JoinedDesks joined={status.data?.joined ?? false} refused={Boolean(status.data?.refusal)} />
    </section>
  );
}

const EMPTY = { serverUrl: '', deskName: '', username: '', password: '', centreCode: '' };

function JoinForm() {
  const announce = useAnnounce();
  const { signOut } = useSession();
  const centres = useApiQuery('centres.list', {});
  const [form, setForm] = useState(EMPTY);
  const [confirming, setConfirming] = useState(false);
  const join = useApiCommand('sync.join');
  const err = join.error;
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirming) return setConfirming(true);
    const { centreCode, ...rest } = form;
    join.mutate(
      { ...rest, ...(centreCode ? { centreCode } : {}) },
      {
        onSuccess: (r) => {
          announce(`This desk joined ${r.serverUrl}. Sign in again with your account on the central service.`);
          void signOut();
        },
        onSettled: () => setConfirming(false),
      },
    );
  }

  const general = err instanceof ApiError && !Object.keys(EMPTY).includes(err.field ?? '') ? err : null;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="join-title" noValidate>
      <h3 id="join-title">Join a central service</h3>
      <p>
        This desk works alone. Joined to the central service, it shares its work with the other desks, keeps working when the link is down, and catches up when
        it is back. The service then sends the SMS and numbers the licences.
      </p>
      <div className="form-grid">
        <Field
          label="Server address"
          placeholder="https://sync.kmlttb.go.ke"
          value={form.serverUrl}
          onChange={set('serverUrl')}
          error={fieldError(err, 'serverUrl')}
        />
        <Field
          label="Desk name"
          hint="How the audit trail names this desk"
          value={form.deskName}
          onChange={set('deskName')}
          error={fieldError(err, 'deskName')}
        />
        <Field
          label="Username on the service"
          hint="An administrator of the service: only they may join a desk"
          autoComplete="off"
          value={form.username}
          onChange={set('username')}
          error={fieldError(err, 'username')}
        />
        <Field
          label="Password on the service"
          type="password"
          autoComplete="off"
          value={form.password}
          onChange={set('password')}
          error={fieldError(err, 'password')}
        />
        <div className="field">
          <label htmlFor="join-centre">Serves one centre</label>
          <select id="join-centre" value={form.centreCode} onChange={set('centreCode')}>
            <option value="">No: all records (officers, auditors)</option>
            {centres.data
              ?.filter((c) => c.active)
              .map((c) => (
                <option key={c.id} value={c.code}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={general} />
      {confirming && (
        <p role="alert" className="notice">
          Joining replaces this desk&apos;s user accounts with the central service&apos;s (on a centre&apos;s desk, only that centre&apos;s clerks can then sign
          in), and signs everyone out here. Then the first sync brings the service&apos;s records. Press Join again to go on.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join'}
        </button>
        {confirming && (
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** What leaving anyway gives up: the changes not sent, and the licences the service has not numbered (cancelled, never numbered here). */
function leaveAnyway(opsWaiting: number, licencesPending: number): string {
  return [
    opsWaiting > 0 ? `Discard ${plural(opsWaiting, 'change', 'changes')} not yet sent` : '',
    licencesPending > 0 ? `${opsWaiting > 0 ? 'cancel' : 'Cancel'} ${plural(licencesPending, 'licence', 'licences')} still waiting for a number` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

function Joined() {
  const announce = useAnnounce();
  const status = useApiQuery('sync.status', {});
  const leave = useApiCommand('sync.leave');
  const [confirming, setConfirming] = useState(false);
  const [discard, setDiscard] = useState(false);
  const s = status.data!;
  const mustConfirm = s.opsWaiting > 0 || s.licencesPending > 0;
  return (
    <div className="card">
      <dl className="dl">
        <dt>Server</dt>
        <dd>{s.serverUrl}</dd>
        <dt>This desk</dt>
        <dd>
          {s.deskName}
          {s.centreName ? `, serving ${s.centreName}` : ''}
        </dd>
        <dt>State</dt>
        <dd>
          {s.refusal
            ? `${s.refusal.headline} ${s.refusal.advice}`
            : s.online === null
              ? 'Not synced yet'
              : s.online
                ? 'Online'
                : `Offline: ${s.lastError ?? ''}`}
          {s.update && (
            <>
              {' '}
              <UpdateOffered offer={s.update} />
            </>
          )}
        </dd>
        <dt>Waiting to be sent</dt>
        <dd>{plural(s.opsWaiting, 'change', 'changes')}</dd>
        {s.licencesPending > 0 && (
          <>
            <dt>Licences waiting for a number</dt>
            <dd>{s.licencesPending}</dd>
          </>
        )}
        <dt>Last sync</dt>
        <dd>{s.lastSyncAt ? formatNairobi(s.lastSyncAt) : 'never'}</dd>
      </dl>
      {s.refusal && <JoinAgainForm />}
      <ErrorAlert error={leave.error} />
      {confirming ? (
        <div role="alert" className="notice">
          <p>Leave the central service? This desk keeps its records and works alone again; it no longer receives the other desks&apos; work.</p>
          {mustConfirm && (
            <label>
              <input type="checkbox" checked={discard} onChange={(e) => setDiscard(e.target.checked)} /> {leaveAnyway(s.opsWaiting, s.licencesPending)}
            </label>
          )}
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={leave.isPending || (mustConfirm && !discard)}
              onClick={() =>
                leave.mutate(
                  { discardWaiting: discard },
                  {
                    onSuccess: () => {
                      announce('This desk left the central service.');
                      setConfirming(false);
                    },
                  },
                )
              }
            >
              Confirm
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setConfirming(true)}>
            Leave central service
          </button>
        </div>
      )}
    </div>
  );
}
