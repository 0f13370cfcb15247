import { defineQuery } from '../core/registry.js';
import { requireCentre } from '../core/scope.js';
import { certificatesPdf } from './pdf/certificates.js';
import { manifestPdf } from './pdf/manifest.js';
import { verifyBase } from './verifyBase.js';

export const batchManifestPdf = defineQuery('batch.manifestPdf', async ({ db, actor }, input) => {
  const pdf = await manifestPdf(db, input.batchId);
  requireCentre(actor, pdf.centreId);
  return { fileName: pdf.fileName, dataBase64: pdf.bytes.toString('base64') };
});

export const licenceCertificatesPdf = defineQuery('licence.certificatesPdf', async ({ db, desk }, input) => {
  const pdf = await certificatesPdf(db, input.licenceIds, verifyBase(desk, db));
  return { fileName: pdf.fileName, dataBase64: pdf.bytes.toString('base64') };
});
