import { useMutation } from '@tanstack/react-query';
import type { AutoMatchResult } from '../../../shared/contract/payments.js';
import { runCommand } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAnnounce } from '../shell/Announcer.js';
import { AUTO_RULE_PHRASE, AUTO_RULES } from './labels.js';

function news(r: AutoMatchResult): string {
  const matched = AUTO_RULES.reduce((n, rule) => n + r.matched[rule], 0);
  const byRule = AUTO_RULES.map((rule) => `${AUTO_RULE_PHRASE[rule]} ${r.matched[rule]}`).join(', ');
  return `Auto-match: ${matched} matched (${byRule}), ${r.unmatched} left unmatched.`;
}

/** Runs the automatic rules over every unmatched payment again (for example after new approvals). */
export function AutoMatchButton() {
  const announce = useAnnounce();
  const run = useMutation({
    mutationFn: () => runCommand('payments.autoMatch', {}),
    onSuccess: (result) => announce(news(result)),
  });
  return (
    <div className="auto-match">
      <button
        type="button"
        onClick={() => run.mutate()}
        disabled={run.isPending}
        title="Match unmatched payments by bill reference, check character and national ID"
      >
        Run auto-match
      </button>
      <ErrorAlert error={run.error} />
    </div>
  );
}
