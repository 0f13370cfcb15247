/**
 * The secrets a data folder keeps (src/main/settings/secretStore.ts), each with the environment
 * variable that gives it instead (plain Node: the CLI, browser mode, the central service).
 */
export const SECRET_ENV = {
  /** The key the data folder's database is encrypted with (db/databaseKey.ts). */
  'db.key': 'KMLTTB_DB_KEY',
  'sms.apiKey': 'KMLTTB_SMS_API_KEY',
  'sync.token': 'KMLTTB_SYNC_TOKEN',
  'licence.signingKey': 'KMLTTB_LICENCE_SIGNING_KEY',
  'server.ecitizenSecret': 'KMLTTB_ECITIZEN_SECRET',
  'server.deliveryReportToken': 'KMLTTB_DELIVERY_REPORT_TOKEN',
} as const;

export type SecretName = keyof typeof SECRET_ENV;
export const SECRET_NAMES = Object.keys(SECRET_ENV) as readonly SecretName[];

export function isSecretName(key: string): key is SecretName {
  return Object.hasOwn(SECRET_ENV, key);
}
