/** The renderer's Content-Security-Policy, sent by the desktop's app:// protocol and by browser mode. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // Print in browser mode shows the desk's own PDF (a blob:) in a hidden frame: renderer bridge/printFrame.ts.
  'frame-src blob:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
