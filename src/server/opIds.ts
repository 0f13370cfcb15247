import { createHash } from 'node:crypto';

/**
 * The op id of one item of a request, derived from the request body's hash and the item's
 * place in it: the same request sent again gives the same ids, so dispatch answers each item
 * as a duplicate instead of applying it twice. Shaped as a UUID (version 8, name-based).
 */
export function derivedOpId(kind: string, bodySha256: string, index: number): string {
  const hex = createHash('sha256').update(`${kind}\n${bodySha256}\n${index}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
