import { useEffect } from 'react';
import type { DecisionResult } from '../../../shared/contract/applications.js';
import { useApiQuery } from '../api/hooks.js';
import { ActionButtons } from '../components/ActionButtons.js';
import { DetailPanel } from '../components/DetailPanel.js';
import { useCan } from '../session/SessionContext.js';
import { ApplicationDetailView, DetailTitle, TITLE_ID } from './ApplicationDetailView.js';
import { DecisionForm } from './DecisionForm.js';
import { DECISIONS, DECISION_ORDER, type DecisionKind } from './decisions.js';

interface Props {
  id: string;
  /** Move focus to the title once this application is loaded. */
  focusTitle: boolean;
  decision: DecisionKind | null;
  /** Changes each time the decision is asked for: its Reason takes the focus again. */
  reasonFocus: number;
  onStartDecision: (kind: DecisionKind) => void;
  onCancelDecision: () => void;
  onDecided: (result: DecisionResult, kind: DecisionKind, applicationRef: string) => void;
  onClose: () => void;
}

/** The detail panel of one application, with the decision actions for officers. */
export function ApplicationPanel({ id, focusTitle, decision, reasonFocus, onStartDecision, onCancelDecision, onDecided, onClose }: Props) {
  const detail = useApiQuery('application.detail', { id });
  const canDecide = useCan('application.decide');
  const app = detail.data;
  const loadedId = app?.id;

  // Never while a decision is open: its Reason has the focus (the form mounts with the item, and
  // this effect, the parent's, runs after the form's own).
  useEffect(() => {
    if (focusTitle && !decision && loadedId === id) document.getElementById(TITLE_ID)?.focus();
  }, [focusTitle, decision, loadedId, id]);

  return (
    <DetailPanel label="Application details" query={detail} item={app} loadingText="Loading the application…" onClose={onClose}>
      {(app) => (
        <>
          <DetailTitle app={app} />
          {canDecide && app.state === 'submitted' && (
            <ActionButtons
              label="Decision"
              kinds={DECISION_ORDER}
              name={(kind) => DECISIONS[kind].label}
              pressed={decision}
              onPress={onStartDecision}
              more={(kind) => ({
                className: `decide-${kind}`,
                'aria-keyshortcuts': DECISIONS[kind].key,
                title: `${DECISIONS[kind].label} (${DECISIONS[kind].key})`,
              })}
            />
          )}
          {decision && canDecide && app.state === 'submitted' && (
            <DecisionForm key={`${app.id}-${decision}`} app={app} kind={decision} reasonFocus={reasonFocus} onCancel={onCancelDecision} onDecided={onDecided} />
          )}
          <ApplicationDetailView app={app} />
        </>
      )}
    </DetailPanel>
  );
}
