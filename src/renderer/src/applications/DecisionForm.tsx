import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApplicationDetail, DecisionResult } from '../../../shared/contract/applications.js';
import { runCommand } from '../api/client.js';
import { useApiQuery } from '../api/hooks.js';
import { ReasonConfirmForm } from '../components/ReasonConfirmForm.js';
import { useDebounced } from '../components/useDebounced.js';
import { DECISIONS, reasonProblem, reasonRule, type DecisionKind } from './decisions.js';
import { SmsPreviewBox } from './SmsPreviewBox.js';

interface Props {
  app: ApplicationDetail;
  kind: DecisionKind;
  reasonFocus: number;
  onCancel: () => void;
  onDecided: (result: DecisionResult, kind: DecisionKind, applicationRef: string) => void;
}

/** The inline confirm area of a decision: reason, SMS preview, Confirm or Cancel (Escape). */
export function DecisionForm({ app, kind, reasonFocus, onCancel, onDecided }: Props) {
  const [reason, setReason] = useState('');
  const settledReason = useDebounced(reason.trim(), 350);
  const rule = reasonRule(kind, app);

  const preview = useApiQuery(
    'application.smsPreview',
    { applicationId: app.id, decision: kind, ...(settledReason ? { reason: settledReason } : {}) },
    { keepPrevious: true },
  );

  const send = useMutation<DecisionResult, Error, string>({
    // The queue opens the next application at once; the list refreshes meanwhile.
    mutationFn: (text) => {
      const input = { applicationId: app.id, reason: text };
      const options = { awaitRefresh: false };
      if (kind === 'approve') return runCommand('application.approve', text ? input : { applicationId: app.id }, options);
      return runCommand(kind === 'reject' ? 'application.reject' : 'application.return', input, options);
    },
    // When someone else decided first, runCommand has refreshed the application as it is now.
    onSuccess: (result) => onDecided(result, kind, app.applicationRef),
  });

  return (
    <ReasonConfirmForm
      className={`decision-${kind}`}
      title={`${DECISIONS[kind].label} ${app.applicationRef}`}
      hint={rule ?? 'Optional: a note kept with the decision.'}
      required={rule !== null}
      rows={3}
      focusSignal={reasonFocus}
      danger={kind !== 'approve'}
      cancelLabel="Cancel"
      pending={send.isPending}
      error={send.error}
      reasonFields={['applicationId']}
      conflictNote="Someone else may have decided it first: the details above have been refreshed."
      after={<SmsPreviewBox preview={preview.data} error={preview.error} loading={preview.isFetching} />}
      onReasonChange={setReason}
      onConfirm={(text) => {
        const problem = reasonProblem(kind, app, text);
        if (!problem) send.mutate(text);
        return problem;
      }}
      onCancel={onCancel}
    />
  );
}
