import { useState } from 'react';
import { useSession, useSignedIn } from '../session/SessionContext.js';
import { AboutDialog } from './AboutDialog.js';
import { ROLE_LABEL } from './labels.js';
import { SyncIndicator } from '../sync/SyncIndicator.js';
import { SmsIndicator } from './SmsIndicator.js';

export function Header() {
  const session = useSignedIn();
  const { lockNow, signOut } = useSession();
  const { user } = session;
  const [about, setAbout] = useState(false);
  return (
    <header className="app-header">
      <div className="desk">
        <span className="brand">KMLTTB Licensing Desk</span>
        <span className="desk-name">{session.deskName}</span>
      </div>
      <SyncIndicator />
      <SmsIndicator />
      <div className="who">
        <span className="who-name">{user.fullName}</span>
        <span className="who-role">
          {ROLE_LABEL[user.role]}
          {user.role === 'clerk' && user.centreName ? `, ${user.centreName}` : ''}
        </span>
      </div>
      <div className="header-actions">
        <button type="button" onClick={() => setAbout(true)} title="Help: the version and the data folder">
          About
        </button>
        <button type="button" onClick={() => void lockNow()} title="Lock the screen now">
          Lock
        </button>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
    </header>
  );
}
