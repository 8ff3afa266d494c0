// Traps: names about secrets that hold no secret, and values that are not secrets.
import session from 'express-session';
import { session as localSession } from './session';
// ok: secret/hardcoded-password
const password = process.env.DB_PASSWORD;

// ok: secret/hardcoded-password
const passwordField = 'input[name=password]';

// ok: secret/hardcoded-password
const adminPassword = 'changeme';

// ok: secret/hardcoded-password
const apiKey = 'your-api-key';

// The guide's secrets-manager example: a secret's name, not a secret.
// ok: secret/hardcoded-password
const secretName = 'mcp-server/production';

// ok: secret/hardcoded-password
const tokenUrl = 'https://auth.example.com/oauth/token';

// ok: secret/hardcoded-password
const githubToken = 'GITHUB_TOKEN';

// ok: secret/hardcoded-password
const labels = { password: 'Enter your password', token: 'Paste the token here' };

// ok: secret/hardcoded-password
const pageToken = 'CAUQAA2024xyzABC';

// ok: secret/hardcoded-password
const tokenType = 'Bearer';

// ok: secret/hardcoded-password
const i18n = { secret: 'settings.secret.label' };

// ok: secret/hardcoded-password
const emptyDefault = { password: '' };

// Found in real code (@azure/msal-browser, undici): constants whose value is a name or a code.
// ok: secret/hardcoded-password
const REFRESH_TOKEN = 'refresh_token';
// ok: secret/hardcoded-password
const USE_CREDENTIALS = 'use-credentials';
// ok: secret/hardcoded-password
const headers = { 'X-Market-AccountToken': 'accountTokenHeader' };
// ok: secret/hardcoded-password
const performanceEvents = { AcquireTokenByRefreshToken: 'acquireTokenByRefreshToken' };

// Session secrets read from the environment, and 'keyboard cat' where it signs nothing.
const sessionCookie = { httpOnly: true, secure: true, sameSite: 'lax' as const };
// ok: secret/hardcoded-password
export const envSession = session({ secret: process.env.SESSION_SECRET!, cookie: sessionCookie });
// ok: secret/hardcoded-password
export const rotated = session({ secret: [process.env.SESSION_SECRET!, process.env.OLD_SESSION_SECRET!], cookie: sessionCookie });
// ok: secret/hardcoded-password
export const other = localSession({ secret: 'keyboard cat' });
// ok: secret/hardcoded-password
export const docsExample = { secret: 'keyboard cat' };

export { REFRESH_TOKEN, USE_CREDENTIALS, headers, performanceEvents };
export { password, passwordField, adminPassword, apiKey, secretName, tokenUrl, githubToken, labels, pageToken, tokenType, i18n, emptyDefault };
