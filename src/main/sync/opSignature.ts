import { sign, verify, type KeyObject } from 'node:crypto';

/** What a user signs for each op: the op and the desk it was made on (ARCHITECTURE.md "Sync", Trust). */
export interface SignedOp {
  opId: string;
  name: string;
  input: unknown;
  actorId: string;
  at: string;
  deskId: string;
}

/** JSON with every object's keys in order, as both sides see the op's input after it crossed the wire. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function signedBytes(op: SignedOp): Buffer {
  return Buffer.from(canonicalJson(['kmlttb-op/1', op.opId, op.name, op.input ?? null, op.actorId, op.at, op.deskId]));
}

export function signOp(op: SignedOp, privateKey: KeyObject): string {
  return sign(null, signedBytes(op), privateKey).toString('base64');
}

export function opSignatureVerifies(op: SignedOp, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(op), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
