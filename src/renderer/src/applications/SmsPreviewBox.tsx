import type { SmsPreview } from '../../../shared/contract/applications.js';
import { displayPhone } from '../../../shared/phone.js';
import { errorMessage } from '../api/ApiError.js';

interface Props {
  preview: SmsPreview | undefined;
  error: unknown;
  loading: boolean;
}

/** The SMS the decision will send, as it will be sent. */
export function SmsPreviewBox({ preview, error, loading }: Props) {
  return (
    <section className="sms-preview" aria-label="SMS preview">
      <h4>SMS to the applicant{preview?.phone ? `: ${displayPhone(preview.phone)}` : ''}</h4>
      {error ? (
        <p className="warn">The preview is not available: {errorMessage(error)}</p>
      ) : !preview ? (
        <p className="muted">{loading ? 'Preparing the preview…' : ''}</p>
      ) : (
        <>
          <blockquote className="sms-text">{preview.text}</blockquote>
          <p className="muted">
            {preview.units} characters, {preview.parts} part{preview.parts === 1 ? '' : 's'} ({preview.encoding}){loading ? ' — updating…' : ''}
          </p>
          {preview.problem && <p className="warn">⚠ {preview.problem}</p>}
        </>
      )}
    </section>
  );
}
