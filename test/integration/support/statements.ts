/** An M-Pesa paybill statement (the Board's export, with its A/C No. column) holding these payment lines, as the import takes it. */
export function mpesaStatement(lines: string[]): string {
  return [
    'Organisation Name:,KENYA MEDICAL LABORATORY TECHNICIANS AND TECHNOLOGISTS BOARD',
    'Statement Period:,01-11-2026 - 28-11-2026',
    '',
    'Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Other Party Info,A/C No.',
    ...lines,
  ].join('\n');
}

/** The same, as `payments.import`'s dataBase64. */
export const mpesaBase64 = (lines: string[]): string => Buffer.from(mpesaStatement(lines)).toString('base64');
