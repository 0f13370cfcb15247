/**
 * The settings as people meet them: grouped by what they are about, each group with a title and
 * a sentence on what it changes. The keys themselves (src/main/settings/keys.ts) stay as they are:
 * they are `kmlttb config` edges.
 */
export const SETTING_GROUPS = ['desk', 'review', 'payments', 'licences', 'exports', 'sessions', 'sms', 'sync', 'server'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

export const SETTING_GROUP_TEXT: Record<SettingGroup, { title: string; description: string }> = {
  desk: { title: 'This desk', description: 'How this desk is named where people and the audit trail see it.' },
  review: { title: 'Review', description: 'What the review aids in the applications queue check against.' },
  payments: { title: 'Payments', description: 'How payments are matched against invoices.' },
  licences: { title: 'Licences', description: 'How licence numbers are made.' },
  exports: { title: 'Exports', description: 'How long report exports stay on this computer (they hold personal data).' },
  sessions: { title: 'Sessions', description: 'When an unattended screen locks.' },
  sms: { title: 'SMS gateway', description: "How messages to applicants are sent (Africa's Talking)." },
  sync: {
    title: 'Sync',
    description: 'The central service that kmlttb sync uses while this desk has not joined one. To join a central service, use Settings, Sync.',
  },
  server: {
    title: 'Central service',
    description: 'Only on the computer that runs the central service (kmlttb server): how eCitizen and the SMS gateway reach it.',
  },
};
