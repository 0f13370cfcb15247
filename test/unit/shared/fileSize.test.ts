import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../../src/shared/fileSize.js';

describe('a file size as people read it', () => {
  it.each([
    [0, '0.0 KB'],
    [643_072, '628.0 KB'],
    [1024 * 1024 - 1, '1024.0 KB'],
    [1024 * 1024, '1.0 MB'],
    [12.3 * 1024 * 1024, '12.3 MB'],
  ])('%i bytes is %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
