import type { SmsDetail } from '../../../shared/contract/sms.js';
import { displayPhone } from '../../../shared/phone.js';
import { useApiCommand } from '../api/hooks.js';
import { ReasonConfirmForm } from '../components/ReasonConfirmForm.js';
import { useAnnounce } from '../shell/Announcer.js';

export type SmsAction = 'resend' | 'cancel';

function explanation(sms: SmsDetail, kind: SmsAction): string {
  if (kind === 'cancel') return 'The message will not be sent. The applicant is not told.';
  if (sms.state === 'uncertain') {
    return 'This message may already have reached the applicant: the gateway may have taken it before its answer was lost. Resend only if you are sure they did not get it, for example because they told you so.';
  }
  return 'The message goes back to the queue and is sent again as it is.';
}

/** Resend or cancel one message: a reason (kept in the audit trail), then Confirm. */
export function SmsActionForm({ sms, kind, onDone }: { sms: SmsDetail; kind: SmsAction; onDone: () => void }) {
  const announce = useAnnounce();
  const resend = useApiCommand('sms.resend');
  const cancel = useApiCommand('sms.cancel');
  const command = kind === 'resend' ? resend : cancel;
  const phone = displayPhone(sms.phone);
  const risky = sms.state === 'uncertain' && kind === 'resend';

  function confirm(reason: string) {
    // Not mutate's own onSuccess: the refreshed message changes state and this form closes
    // before that would run, and React Query skips it for an unmounted form.
    command.mutateAsync({ id: sms.id, reason }).then(
      () => {
        announce(kind === 'resend' ? `SMS to ${phone} queued to be sent again.` : `SMS to ${phone} cancelled.`);
        onDone();
      },
      () => undefined, // shown from command.error
    );
  }

  return (
    <ReasonConfirmForm
      className={`sms-action-${kind}`}
      title={kind === 'resend' ? `Resend the SMS to ${phone}` : `Cancel the SMS to ${phone}`}
      why={`${risky ? '⚠ ' : ''}${explanation(sms, kind)}`}
      whyClassName={risky ? 'warn' : 'muted'}
      maxLength={500}
      danger={kind !== 'resend'}
      cancelLabel="Back"
      pending={command.isPending}
      error={command.error}
      onConfirm={confirm}
      onCancel={onDone}
    />
  );
}
