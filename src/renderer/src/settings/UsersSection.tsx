import { useEffect, useRef, useState } from 'react';
import type { UserRow } from '../../../shared/contract/admin.js';
import { ROLES, type Role } from '../../../shared/permissions.js';
import { useApiCommand, useApiQuery } from '../api/hooks.js';
import { SimpleTable } from '../components/SimpleTable.js';
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
  const update = useApiCommand('user.update');
  const [passwordFor, setPasswordFor] = useState<UserRow | null>(null);
  const [rowError, setRowError] = useState<{ username: string; error: unknown } | null>(null);
  // A role decides what a person may see and do: a change waits for Confirm.
  const [roleChange, setRoleChange] = useState<{ user: UserRow; role: Role } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (roleChange) confirmButton.current?.focus();
  }, [roleChange]);

  function change(user: UserRow, patch: { role?: Role; centreId?: string | null; active?: boolean }, news: string) {
    setRowError(null);
    update.mutate({ id: user.id, ...patch }, { onSuccess: () => announce(news), onError: (error) => setRowError({ username: user.username, error }) });
  }

  function confirmRoleChange() {
    if (!roleChange) return;
    const { user, role } = roleChange;
    setRoleChange(null);
    change(user, { role }, `${user.username} is now ${ROLE_LABEL[role]}.`);
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
      {roleChange && (
        <div
          className="decision role-change"
          role="group"
          aria-labelledby="role-change-title"
          aria-describedby="role-change-what"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setRoleChange(null);
          }}
        >
          <h3 id="role-change-title">Change the role of {roleChange.user.username}?</h3>
          <p id="role-change-what">
            {roleChange.user.fullName} goes from {ROLE_LABEL[roleChange.user.role]} to {ROLE_LABEL[roleChange.role]}: what they may see and do changes with it.
            {roleChange.role === 'clerk' ? ' A clerk works at one centre: choose it in the Centre column next.' : ''}
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={confirmButton} disabled={update.isPending} onClick={confirmRoleChange}>
              Confirm
            </button>
            <button type="button" onClick={() => setRoleChange(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <SimpleTable
        label="Users"
        headings={['Username', 'Full name', 'Role', 'Centre', 'Status', 'Failed sign-ins', 'Actions']}
        empty={!users.data?.length && { text: 'No users yet.', loading: users.isPending }}
      >
        {(users.data ?? []).map((u) => (
          <tr key={u.id}>
            <td className="mono">{u.username}</td>
            <td>{u.fullName}</td>
            <td>
              <select
                aria-label={`Role of ${u.username}`}
                value={roleChange?.user.id === u.id ? roleChange.role : u.role}
                disabled={update.isPending}
                onChange={(e) => {
                  const role = e.target.value as Role;
                  setRowError(null);
                  setRoleChange(role === u.role ? null : { user: u, role });
                }}
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
      </SimpleTable>
      {passwordFor && <SetPasswordForm key={passwordFor.id} user={passwordFor} onDone={() => setPasswordFor(null)} />}
      <AddUserForm centres={centres.data ?? []} />
    </section>
  );
}
