import type { ComponentType } from 'react';
import type { Permission } from '../../../shared/permissions.js';
import { useSession } from '../session/SessionContext.js';
import { hrefFor } from '../shell/routes.js';
import { BackupsSection } from './BackupsSection.js';
import { CentresSection } from './CentresSection.js';
import { FeesSection } from './FeesSection.js';
import { GeneralSection } from './GeneralSection.js';
import { LicenceKeySection } from './LicenceKeySection.js';
import { SmsGatewaySection } from './SmsGatewaySection.js';
import { SmsTemplatesSection } from './SmsTemplatesSection.js';
import { SyncSection } from '../sync/SyncSection.js';
import { UsersSection } from './UsersSection.js';

/** Each section with the permission it needs and what it shows. */
const SECTIONS: { id: string; label: string; permission: Permission; Section: ComponentType }[] = [
  { id: 'users', label: 'Users', permission: 'admin.users', Section: UsersSection },
  { id: 'centres', label: 'Centres', permission: 'admin.centres', Section: CentresSection },
  { id: 'fees', label: 'Fees', permission: 'admin.fees', Section: FeesSection },
  { id: 'sms-gateway', label: 'SMS gateway', permission: 'admin.settings', Section: SmsGatewaySection },
  { id: 'sms-templates', label: 'SMS templates', permission: 'admin.settings', Section: SmsTemplatesSection },
  { id: 'general', label: 'General', permission: 'admin.settings', Section: GeneralSection },
  { id: 'licence-key', label: 'Licence key', permission: 'admin.settings', Section: LicenceKeySection },
  { id: 'sync', label: 'Sync', permission: 'admin.settings', Section: SyncSection },
  { id: 'backups', label: 'Backups', permission: 'admin.settings', Section: BackupsSection },
];

/** Administration: users, centres, fees, the SMS gateway and templates, and general settings, one section at a time (#/settings/users …). */
export function SettingsScreen({ section }: { section: string | undefined }) {
  const { session } = useSession();
  const allowed = SECTIONS.filter((s) => session?.permissions.includes(s.permission));
  const current = allowed.find((s) => s.id === section) ?? allowed[0];

  return (
    <section className="screen" aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <ul className="section-links" aria-label="Settings sections">
        {allowed.map((s) => (
          <li key={s.id}>
            <a href={hrefFor('settings', s.id)} aria-current={s.id === current?.id ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
      {current && <current.Section />}
    </section>
  );
}
