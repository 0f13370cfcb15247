import { defineQuery } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { certificatesPdf } from './pdf/certificates.js';
import { manifestPdf } from './pdf/manifest.js';

export const batchManifestPdf = defineQuery('batch.manifestPdf', async (db, { sqlite, actor }, input) => {
  const pdf = await db.connection().execute(() => manifestPdf(sqlite, input.batchId));
  requireCentre(actor, pdf.centreId);
  return { fileName: pdf.fileName, dataBase64: pdf.bytes.toString('base64') };
});

export const licenceCertificatesPdf = defineQuery('licence.certificatesPdf', async (db, { sqlite }, input) => {
  const pdf = await db.connection().execute(() => certificatesPdf(sqlite, input.licenceIds));
  return { fileName: pdf.fileName, dataBase64: pdf.bytes.toString('base64') };
});
