import path from 'node:path';
import { insecureAddressProblem } from '../../shared/secureUrl.js';
import type { SettingGroup } from '../../shared/settingGroups.js';
import { AT_LIVE_URL } from '../../shared/smsGateway.js';
import { trustProxyProblem } from './trustProxy.js';
import { SECRET_ENV } from './secretNames.js';

/**
 * The settings the Board can change. Values the Board has not published are placeholders:
 * the settings screen labels them as such until an admin sets them.
 */
export interface SettingDef {
  key: string;
  /** What people call it on the settings screen. */
  label: string;
  /** Where the settings screen shows it (shared/settingGroups.ts). */
  group: SettingGroup;
  description: string;
  default: string;
  placeholder?: boolean;
  secret?: boolean;
  /** Environment variable that overrides the stored value in plain Node. */
  env?: string;
  validate?: (value: string) => string | null;
}

const wholeNumber = (min: number, max: number) => (v: string) =>
  /^\d+$/.test(v) && +v >= min && +v <= max ? null : `must be a whole number from ${min} to ${max}`;
/** An address this desk calls: https, or http to this computer only (shared/secureUrl.ts). */
const url = (v: string) => (v === '' ? null : insecureAddressProblem(v));

export const SETTINGS: readonly SettingDef[] = [
  { key: 'desk.name', label: 'Desk name', group: 'desk', description: "This desk's name, shown in the audit trail", default: 'Main desk' },
  {
    key: 'review.cpdThreshold',
    label: 'CPD points expected',
    group: 'review',
    description: 'CPD points expected for a licence year (review aid)',
    default: '20',
    placeholder: true,
    validate: wholeNumber(0, 1000),
  },
  {
    key: 'payments.accessFeeToleranceKes',
    label: 'Access fee tolerance (KES)',
    group: 'payments',
    description: 'eCitizen access fee: paying up to this many shillings over the fee is not an overpayment',
    default: '50',
    placeholder: true,
    validate: wholeNumber(0, 1000),
  },
  {
    key: 'licence.prefix',
    label: 'Licence number prefix',
    group: 'licences',
    description: 'What every new licence number starts with',
    default: 'KMLTTB',
    validate: (v) => (/^[A-Z0-9-]{1,12}$/.test(v) ? null : 'must be 1 to 12 capital letters, digits or dashes'),
  },
  {
    key: 'exports.keepDays',
    label: 'Days exported files are kept',
    group: 'exports',
    description: "Report exports written into this computer's data folder are removed after this many days",
    default: '7',
    validate: wholeNumber(1, 365),
  },
  {
    key: 'session.idleLockMinutes',
    label: 'Minutes idle before the screen locks',
    group: 'sessions',
    description: 'Lock the screen after this many idle minutes',
    default: '10',
    validate: wholeNumber(1, 240),
  },
  {
    key: 'sms.defaultLanguage',
    label: 'Default SMS language',
    group: 'sms',
    description: 'SMS language when the applicant has not chosen one (en or sw)',
    default: 'en',
    validate: (v) => (['en', 'sw'].includes(v) ? null : 'must be en or sw'),
  },
  {
    key: 'sms.baseUrl',
    label: 'Gateway address',
    group: 'sms',
    description: "SMS gateway address (Africa's Talking)",
    default: AT_LIVE_URL,
    env: 'KMLTTB_SMS_BASE_URL',
    validate: url,
  },
  {
    key: 'sms.username',
    label: 'Username',
    group: 'sms',
    description: 'SMS gateway username (sandbox for the sandbox)',
    default: '',
    env: 'KMLTTB_SMS_USERNAME',
  },
  { key: 'sms.senderId', label: 'Sender ID', group: 'sms', description: 'SMS sender ID', default: '', env: 'KMLTTB_SMS_SENDER_ID' },
  {
    key: 'sms.requestTimeoutSeconds',
    label: 'Seconds to wait for the gateway',
    group: 'sms',
    description: 'Seconds to wait for the SMS gateway before giving up on a request',
    default: '15',
    validate: wholeNumber(1, 120),
  },
  { key: 'sms.apiKey', label: 'API key', group: 'sms', description: 'SMS gateway API key', default: '', env: SECRET_ENV['sms.apiKey'], secret: true },
  {
    key: 'sync.serverUrl',
    label: 'Central service address',
    group: 'sync',
    description: 'Central sync service address (empty: this desk works alone)',
    default: '',
    validate: url,
  },
  {
    key: 'server.ecitizenSecret',
    label: 'eCitizen shared secret',
    group: 'server',
    description: 'Central service: the secret eCitizen signs its requests with (X-Signature: sha256=HMAC of the body)',
    default: '',
    env: SECRET_ENV['server.ecitizenSecret'],
    secret: true,
  },
  {
    key: 'server.trustProxy',
    label: 'Trusted reverse proxies',
    group: 'server',
    description:
      "Central service behind a reverse proxy: whom to believe about the client's address (X-Forwarded-For): empty for nobody, true, a number of proxies, or their addresses (e.g. 127.0.0.1)",
    default: '',
    validate: trustProxyProblem,
  },
  {
    key: 'server.publicUrl',
    label: 'Public address',
    group: 'server',
    description:
      "The central service's address outside systems and phones use, e.g. https://licensing.kmlttb.go.ke: the SMS delivery-report callback is built from it (kmlttb server --public-url overrides it), and licence QR codes point at its verify page",
    default: '',
    validate: url,
  },
  {
    key: 'server.updatesFolder',
    label: 'Updates folder',
    group: 'server',
    description: "Central service: a folder of the desktop app's release files, served to desks at /updates/ (empty: no updates offered)",
    default: '',
    validate: (v) => (v === '' || path.isAbsolute(v) ? null : 'must be a full path to a folder (or empty)'),
  },
  {
    key: 'server.deliveryReportToken',
    label: 'Delivery report token',
    group: 'server',
    description: 'Central service: the secret part of the address the SMS gateway sends delivery reports to (made on first start)',
    default: '',
    env: SECRET_ENV['server.deliveryReportToken'],
    secret: true,
    validate: (v) => (v === '' || /^[A-Za-z0-9_-]{8,200}$/.test(v) ? null : 'must be 8 to 200 letters, digits, dashes or underscores'),
  },
];

export function settingDef(key: string): SettingDef | undefined {
  return SETTINGS.find((s) => s.key === key);
}
