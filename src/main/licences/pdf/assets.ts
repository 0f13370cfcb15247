import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** DejaVu Sans (the `dejavu-fonts-ttf` package): it prints ĩ, ũ, é, ñ, which pdfkit's built-in Helvetica cannot. */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/**
 * The crest printed on the Board's documents: resources/documents/crest.png (a labelled
 * placeholder until the Board supplies its own). Found by walking up from this module, which
 * runs from src/ in plain Node and from out/ once bundled.
 */
export function crestFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources', 'documents', 'crest.png');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('resources/documents/crest.png is missing from the installation.');
    dir = parent;
  }
}
