import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { UserError } from '../shared/errors.js';

/** The certificate (or full chain) and private key files the service serves HTTPS with, PEM. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/**
 * Reads and checks both files before the service listens, so that a wrong file is named in one
 * line instead of failing the first handshake: each must be readable and PEM, and the key must
 * belong to the (first) certificate.
 */
export function readTlsFiles(files: TlsFiles): { cert: Buffer; key: Buffer } {
  const cert = readFile(files.certFile, 'certificate');
  const key = readFile(files.keyFile, 'private key');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new UserError('invalid_input', `The TLS certificate file '${files.certFile}' holds no PEM certificate.`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new UserError('invalid_input', `The TLS key file '${files.keyFile}' holds no unencrypted PEM private key.`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new UserError('invalid_input', `The TLS key file '${files.keyFile}' does not belong to the certificate in '${files.certFile}'.`);
  }
  return { cert, key };
}

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      'invalid_input',
      `Cannot read the TLS ${what} file '${file}'${code === 'ENOENT' ? ': it does not exist' : code === 'EACCES' ? ': permission denied' : ''}.`,
    );
  }
}
