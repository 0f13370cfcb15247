import { useState } from 'react';
import type { UserRow } from '../../../shared/contract/admin.js';
import { ROLES, type Role } from '../../../shared/permissions.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { EmptyRow } from '../components/EmptyRow.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { ROLE_LABEL } from '../shell/labels.js';
import { AddUserForm } from './AddUserForm.js';
import { SetPasswordForm } from './SetPasswordForm.js';

/** Staff accounts: add, change role or centre, enable or disable, set a password. */
export function UsersSection() {
  const announce = useAnnounce();
  const users = useApiQuery('users.list', {});
  const centres = useApiQuery('centres.list', {});
  const update = useApiCommand('user.update', ['users.list']);
  const [passwordFor, setPasswordFor] = useState<UserRow | null>(null);
  const [rowError, setRowError] = useState<{ username: string; error: unknown } | null>(null);

  function change(user: UserRow, patch: { role?: Role; centreId?: string | null; active?: boolean }, news: string) {
    setRowError(null);
    update.mutate(
      { id: user.id, ...patch },
      { onSuccess: () => announce(news), onError: (error) => setRowError({ username: user.username, error }) },
    );
  }

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <ErrorAlert error={users.error} />
      {rowError && (
        <div>
          <p className="field-error">Could not change {rowError.username}:</p>
          <ErrorAlert error={rowError.error} />
        </div>
      )}
      <div className="table-wrap">
        <table aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Full name</th>
              <th scope="col">Role</th>
              <th scope="col">Centre</th>
              <th scope="col">Status</th>
              <th scope="col">Failed sign-ins</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {!users.data?.length && <EmptyRow columns={7} loading={users.isPending} text="No users yet." />}
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.username}</td>
                <td>{u.fullName}</td>
                <td>
                  <select
                    aria-label={`Role of ${u.username}`}
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => change(u, { role: e.target.value as Role }, `${u.username} is now ${ROLE_LABEL[e.target.value as Role]}.`)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.role === 'clerk' ? (
                    <select
                      aria-label={`Centre of ${u.username}`}
                      value={u.centreId ?? ''}
                      disabled={update.isPending}
                      onChange={(e) => change(u, { centreId: e.target.value || null }, `${u.username}'s centre changed.`)}
                    >
                      <option value="">No centre</option>
                      {(centres.data ?? []).map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    (u.centreName ?? '—')
                  )}
                </td>
                <td>{u.active ? 'Active' : 'Disabled'}</td>
                <td className="num">{u.failedLogins}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`${u.active ? 'Disable' : 'Enable'} ${u.username}`}
                    disabled={update.isPending}
                    onClick={() => change(u, { active: !u.active }, `${u.username} ${u.active ? 'disabled' : 'enabled'}.`)}
                  >
                    {u.active ? 'Disable' : 'Enable'}
                  </button>
                  <button type="button" aria-label={`Set password for ${u.username}`} onClick={() => setPasswordFor(u)}>
                    Set password
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {passwordFor && <SetPasswordForm key={passwordFor.id} user={passwordFor} onDone={() => setPasswordFor(null)} />}
      <AddUserForm centres={centres.data ?? []} />
    </section>
  );
}
