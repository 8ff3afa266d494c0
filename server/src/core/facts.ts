// Fact names: what files tell workspace analysis, in every language (a TypeScript file imports
// helmet, an nginx server terminates TLS for a port). Rules' `unless` conditions and the checklist
// read them; producers live with the language or the library knowledge that finds them.
export const FACT = {
  securityHeaders: 'security-headers',
  rateLimit: 'rate-limit',
  auth: 'auth',
  structuredLogger: 'structured-logger',
  inputValidation: 'input-validation',
  dotenv: 'dotenv',
  httpsServer: 'https-server',
  errorHandler: 'error-handler',
  /** An nginx TLS server proxying to this port (value: the port). */
  tlsProxyPort: 'tls-proxy-port',
  /** A TLS server in nginx (evidence for HTTPS). */
  tlsServer: 'tls-server',
  listensOnPort: 'listens-on-port',
} as const;
