import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ReasonConfirmForm } from '../components/ReasonConfirmForm.js';
import { useAnnounce } from '../shell/Announcer.js';

interface Props<T> {
  title: string;
  /** What will happen, in plain words. */
  children?: ReactNode;
  danger?: boolean;
  run: (reason: string) => Promise<T>;
  /** The news announced once it is done. */
  news: (result: T) => string;
  onDone: () => void;
}

/** The shortest reason the back end takes (`reason` in the contract). */
const REASON_MIN = 3;

/**
 * The confirm area of a reconciliation action: a reason (required, kept in the audit trail),
 * then Confirm or Back (Escape). The reason is marked required from the start, and Confirm
 * waits until it is long enough.
 */
export function ReasonForm<T>({ title, children, danger, run, news, onDone }: Props<T>) {
  const announce = useAnnounce();
  const command = useMutation<T, Error, string>({ mutationFn: run });

  function confirm(reason: string) {
    // Not mutate's own onSuccess: the refreshed payment may close this form before it would run.
    // (runCommand has refreshed what changed by then, or, when someone else got there first, the payment as it is now.)
    command.mutateAsync(reason).then(
      (result) => {
        announce(news(result));
        onDone();
      },
      () => undefined, // shown from command.error
    );
  }

  return (
    <ReasonConfirmForm
      className={`reconcile-form${danger ? ' decision-reject' : ''}`}
      title={title}
      why={children}
      hint={`Required: at least ${REASON_MIN} characters. Kept in the audit trail with your name.`}
      minLength={REASON_MIN}
      danger={danger}
      cancelLabel="Back"
      pending={command.isPending}
      error={command.error}
      onConfirm={confirm}
      onCancel={onDone}
    />
  );
}
