import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './tempDesk.js';

/**
 * A throw-away self-signed certificate for 127.0.0.1 and localhost, made now by openssl (valid
 * for a day from whenever the test runs): the service serves HTTPS with it, and a desk that is
 * given it as its extra CA (NODE_EXTRA_CA_CERTS) trusts it, as it would the Board's own CA.
 */
export function makeTestCertificate(): { certFile: string; keyFile: string } {
  const dir = tempDir('kmlttb-tls-');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { encoding: 'utf8' },
  );
  if (r.error || r.status !== 0) throw new Error(`openssl could not make a test certificate: ${r.error?.message ?? r.stderr}`);
  return { certFile, keyFile };
}
