import type { LicenceVerifyResult } from '../../../shared/contract/licences.js';
import { DetailItem as Item } from '../components/DetailItem.js';

const VERDICT: Record<LicenceVerifyResult['status'], string> = {
  valid: 'VALID',
  tampered: 'TAMPERED',
  revoked: 'REVOKED',
  unreadable: 'UNREADABLE',
};

/** The answer, plain enough to read across a counter. */
export function VerifyResult({ result }: { result: LicenceVerifyResult }) {
  return (
    <section className={`verify-result verify-${result.status}`} aria-labelledby="verify-verdict">
      <h2 className="verdict" id="verify-verdict">
        {VERDICT[result.status]}
      </h2>
      <p>{result.message}</p>
      {result.licenceNo && (
        <dl className="dl">
          <Item term="Licence number">{result.licenceNo}</Item>
          <Item term="Holder">{result.holderName}</Item>
          <Item term="National ID">{result.nationalId}</Item>
          <Item term="Year">{result.licenceYear}</Item>
        </dl>
      )}
    </section>
  );
}

export { VERDICT };
