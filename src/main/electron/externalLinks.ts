/**
 * Which addresses may leave the app for the system browser (`shell.openExternal`). Only https,
 * only these hosts exactly, no user:password@ part and no unusual port. Everything else is
 * refused: a crafted link must not start another program through a custom scheme (file:,
 * smb:, ms-msdt: and the like).
 */
export const EXTERNAL_HOSTS: readonly string[] = ['kmlttb.org', 'www.kmlttb.org', 'ecitizen.go.ke', 'www.ecitizen.go.ke'];

export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && hosts.includes(url.hostname);
}
