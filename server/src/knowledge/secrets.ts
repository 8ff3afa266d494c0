// Secret classification shared by every language: credential formats, secret-like names,
// placeholders and masking. Formats are certain; names need a secret-looking value too.
import { escapeRegExp } from '../core/text';

export interface CredentialFormat {
  id: string;
  /** Shown in messages: "Hardcoded <label> 'sk-1…'". */
  label: string;
  /** Environment variable name a fix suggests when the code gives no better one. */
  envName: string;
  /** Cheap substring test that must pass before the regular expression runs. */
  prefixes: readonly string[];
  /** Global, linear-time pattern (every quantifier bounded or followed by a disjoint class). */
  pattern: RegExp;
  /** Extra check on a match (e.g. the password part of a URL is not a placeholder). */
  accept?: (match: RegExpExecArray) => boolean;
}

export interface CredentialMatch {
  format: CredentialFormat;
  start: number;
  end: number;
  value: string;
}

const hasDigitAndLetter = (s: string): boolean => /\d/.test(s) && /[A-Za-z]/.test(s);

export const credentialFormats: readonly CredentialFormat[] = [
  {
    id: 'anthropic',
    label: 'Anthropic API key',
    envName: 'ANTHROPIC_API_KEY',
    prefixes: ['sk-ant-'],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g,
  },
  {
    id: 'openai-project',
    label: 'OpenAI API key',
    envName: 'OPENAI_API_KEY',
    prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}/g,
  },
  {
    id: 'openai',
    label: 'OpenAI API key',
    envName: 'OPENAI_API_KEY',
    prefixes: ['sk-'],
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{16,}(?![A-Za-z0-9_-])/g,
    accept: (m) => hasDigitAndLetter(m[0].slice(3)),
  },
  {
    id: 'aws-access-key-id',
    label: 'AWS access key id',
    envName: 'AWS_ACCESS_KEY_ID',
    prefixes: ['AKIA', 'ASIA'],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    envName: 'GITHUB_TOKEN',
    prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{30,})(?![A-Za-z0-9_])/g,
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    envName: 'SLACK_TOKEN',
    prefixes: ['xoxa-', 'xoxb-', 'xoxp-', 'xoxr-'],
    pattern: /(?<![A-Za-z0-9])xox[abpr]-[0-9A-Za-z-]{10,}/g,
    accept: (m) => /\d/.test(m[0].slice(5)),
  },
  {
    id: 'stripe-live-key',
    label: 'Stripe live secret key',
    envName: 'STRIPE_SECRET_KEY',
    prefixes: ['sk_live_', 'rk_live_'],
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{16,}(?![A-Za-z0-9_])/g,
  },
  {
    id: 'google-api-key',
    label: 'Google API key',
    envName: 'GOOGLE_API_KEY',
    prefixes: ['AIza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'npm-token',
    label: 'npm access token',
    envName: 'NPM_TOKEN',
    prefixes: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    accept: (m) => hasDigitAndLetter(m[0].slice(4)),
  },
  {
    id: 'private-key',
    label: 'private key',
    envName: 'PRIVATE_KEY',
    prefixes: ['PRIVATE KEY-----'],
    // The header must be followed by key material (after a real or escaped line break), so
    // code that only looks for the header (PEM parsers) is not a finding.
    pattern:
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:\\r|\\n|\r|\n|\s){1,8}[A-Za-z0-9+/=]{40}(?:[A-Za-z0-9+/=\s\\]{0,16384}-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    envName: 'JWT_TOKEN',
    prefixes: ['eyJ'],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
  },
  {
    id: 'url-credentials',
    label: 'password in a URL',
    envName: 'DATABASE_URL',
    prefixes: ['://'],
    pattern:
      /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/([^\s:@/'"`\\]{1,128}):([^\s@/'"`\\]{1,256})@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?:[/?#][^\s'"`\\]{0,2048})?/g,
    accept: (m) =>
      !isPlaceholder(m[2]) &&
      !/^\$|^%|^\{|^\*+$|^<.*>$/.test(m[2]) &&
      !/^(?:pass(?:word)?|pwd|secret|changeme|user|username|x|foo|bar|baz|qux)$/i.test(m[2]),
  },
];

/** Passwords that database images, installers and tutorials set by default. */
const defaultPasswords = new Set([
  'postgres',
  'root',
  'admin',
  'guest',
  'test',
  'dev',
  'development',
  'local',
  'localdev',
  'mysql',
  'mariadb',
  'mongo',
  'mongodb',
  'redis',
  'rabbitmq',
  'docker',
  'toor',
  'mysecretpassword',
  'minioadmin',
  '1234',
  '12345',
  '123456',
]);

/**
 * The loopback host of a URL whose credentials are a well-known default
 * (`postgres://postgres:postgres@127.0.0.1/db`, `root:root@localhost`, a user's name as its
 * password): a local development default rather than a leaked secret. `0.0.0.0` counts, as a
 * destination it reaches this machine. Undefined for anything else: a real-looking password on
 * localhost, or default credentials on another host.
 */
export function localDevelopmentDefault(url: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^:@/]+):([^@/]+)@([A-Za-z0-9.-]+)/.exec(url);
  if (!m) return undefined;
  const [, user, password, host] = m;
  const h = host.toLowerCase();
  const loopback = h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || /^127(?:\.\d{1,3}){3}$/.test(h);
  if (!loopback) return undefined;
  const p = password.toLowerCase();
  return p === user.toLowerCase() || defaultPasswords.has(p) ? host : undefined;
}

/** Every credential in `text` (offsets into `text`), in order of position. */
export function findCredentials(
  text: string,
  formats: readonly CredentialFormat[] = credentialFormats,
): CredentialMatch[] {
  /** The matches kept so far, in text order; none overlaps another. */
  let matches: CredentialMatch[] = [];
  const present = prefixesIn(text, formats);
  for (const format of formats) {
    if (!format.prefixes.some((prefix) => present.has(prefix))) continue;
    const pattern = new RegExp(format.pattern.source, format.pattern.flags);
    // An earlier format's match wins where they overlap. One format's matches come in text order
    // and never overlap each other, so each is checked against the earlier formats' by binary
    // search: comparing it with every match kept so far made a file of 20,000 URL-shaped lines
    // quadratic (20 s for 400 KB).
    const found: CredentialMatch[] = [];
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const value = m[0];
      if (format.accept && !format.accept(m)) continue;
      if (format.id !== 'url-credentials' && format.id !== 'private-key' && isPlaceholder(value)) continue;
      const start = m.index;
      const end = start + value.length;
      if (overlapsAny(matches, start, end)) continue;
      found.push({ format, start, end, value });
    }
    if (found.length > 0) matches = mergeByStart(matches, found);
  }
  return matches;
}

/** Whether [start, end) overlaps one of `sorted` (in text order, none overlapping another). */
function overlapsAny(sorted: readonly CredentialMatch[], start: number, end: number): boolean {
  // The last match that starts before `end` ends last of those that do.
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle].start < end) low = middle + 1;
    else high = middle;
  }
  return low > 0 && sorted[low - 1].end > start;
}

/** Two lists in text order merged into one, in linear time. */
function mergeByStart(a: readonly CredentialMatch[], b: readonly CredentialMatch[]): CredentialMatch[] {
  const merged: CredentialMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}

const prefixPatterns = new WeakMap<readonly CredentialFormat[], RegExp>();

/**
 * The formats' prefixes that occur in `text`, found in one pass of one pattern (a search per
 * prefix read a 200 KB file 24 times: ~1.4 ms against ~0.5).
 */
function prefixesIn(text: string, formats: readonly CredentialFormat[]): Set<string> {
  let pattern = prefixPatterns.get(formats);
  if (!pattern) {
    // Longest first, so that `sk-ant-` is not hidden by `sk-` at the same place.
    const prefixes = [...new Set(formats.flatMap((f) => f.prefixes))].sort((a, b) => b.length - a.length);
    pattern = new RegExp(prefixes.map(escapeRegExp).join('|'), 'g');
    prefixPatterns.set(formats, pattern);
  }
  const present = new Set<string>();
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    present.add(m[0]);
    pattern.lastIndex = m.index + 1; // prefixes may overlap
    // A shorter prefix can begin a longer one (`sk-` in `sk-ant-`): count both.
    for (const format of formats)
      for (const prefix of format.prefixes) if (!present.has(prefix) && m[0].startsWith(prefix)) present.add(prefix);
  }
  return present;
}

/** Splits an identifier into lower-case words: apiKey -> [api, key], JWT_SECRET -> [jwt, secret]. */
export function identifierWords(name: string): string[] {
  // One linear pass: a word ends at a separator, at lower→Upper, and before the last capital
  // of an acronym that starts a new word (JWTSecret -> jwt, secret).
  const words: string[] = [];
  let word = '';
  const isUpper = (c: string): boolean => c >= 'A' && c <= 'Z';
  const isLower = (c: string): boolean => c >= 'a' && c <= 'z';
  const isDigit = (c: string): boolean => c >= '0' && c <= '9';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (!isUpper(c) && !isLower(c) && !isDigit(c)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    const prev = name[i - 1] ?? '';
    const next = name[i + 1] ?? '';
    const boundary = isUpper(c) && word !== '' && (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(next)));
    if (boundary) {
      words.push(word);
      word = '';
    }
    word += c;
  }
  if (word) words.push(word);
  return words.map((w) => w.toLowerCase());
}

const secretNouns = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'clientsecret',
]);
const keyQualifiers = new Set([
  'api',
  'private',
  'secret',
  'access',
  'signing',
  'encryption',
  'master',
  'client',
  'session',
  'app',
  'auth',
  'hmac',
  'jwt',
  'service',
]);
const passQualifiers = new Set([
  'db',
  'database',
  'user',
  'admin',
  'smtp',
  'mail',
  'root',
  'redis',
  'mysql',
  'postgres',
  'pg',
]);
/** Words after the secret noun that still name the secret itself. */
const valueSuffixes = new Set(['value', 'str', 'string', 'hex', 'b64', 'base64', 'plain', 'raw', 'text']);
/** Words before the noun that make it something other than a credential. */
const nonSecretPrefixes = new Set([
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'cancellation',
  'cancel',
  'sync',
  'cursor',
  'csrf',
  'xsrf',
  'lexer',
  'parser',
  'syntax',
  'csrf',
  'is',
  'has',
  'no',
  'show',
  'min',
  'max',
  'forgot',
  'new',
  'confirm',
  'hide',
  'toggle',
]);

/**
 * True for names of variables, properties and environment variables that hold a secret:
 * password, apiKey, JWT_SECRET, clientSecret, authToken, DB_PASS. False for names that are
 * about a secret but are not one: tokenUrl, passwordField, secretName, pageToken.
 */
export function isSecretLikeName(name: string): boolean {
  const words = identifierWords(name);
  if (words.length === 0) return false;
  let last = words.length - 1;
  while (last > 0 && (valueSuffixes.has(words[last]) || /^\d+$/.test(words[last]))) last--;
  const noun = words[last];
  const before = last > 0 ? words[last - 1] : undefined;
  if (before && nonSecretPrefixes.has(before)) return false;
  if (secretNouns.has(noun)) return true;
  if (noun === 'key') return before !== undefined && keyQualifiers.has(before);
  if (noun === 'pass') return words.length === 1 || (before !== undefined && passQualifiers.has(before));
  if (noun === 'auth') return words.length === 1;
  return false;
}

const placeholderValues = new Set([
  'changeme',
  'change-me',
  'change_me',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'dummy',
  'example',
  'sample',
  'test',
  'testing',
  'placeholder',
  'todo',
  'fixme',
  'null',
  'undefined',
  'none',
  'redacted',
  'keyboard cat',
  'shhhhh',
  'your-256-bit-secret',
  'secretorprivatekey',
  'replace-me',
  'replaceme',
  'mysecret',
  'my-secret',
  'supersecret',
  'default',
  'xxx',
  'tbd',
  'n/a',
]);

/** Values people write where a real secret goes later: `your-secret-key`, `<token>`, `${X}`, `xxxx`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  const lower = v.toLowerCase();
  if (placeholderValues.has(lower)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (/^<[^>]*>$|^\[[^\]]*\]$|^\{\{.*\}\}$|^\$\{.*\}$|^\$[A-Z_][A-Z0-9_]*$|^%[a-z]$|^%\(.*\)s$/.test(v)) return true;
  if (
    /your[-_ ]?(?:own[-_ ]?)?(?:api[-_ ]?)?(?:secret|key|token|password|pass)|(?:example|placeholder|dummy|changeme|change[-_]me|replace[-_]?me|insert[-_ ]?here|goes[-_]here|x{4,}|\*{3,}|\.{3}|fake|not[-_]a[-_]real|redacted)/i.test(
      v,
    )
  )
    return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Whether a string bound to a secret-like name looks like a real secret rather than a label,
 * a reference or a placeholder: long enough, no white space, not an environment variable name,
 * URL, path or message key, and varied enough.
 */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 8 || value.length > 4096) return false;
  if (/\s/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false; // an environment variable name
  if (/^(?:[a-z]+:\/\/|\/|\.\.?\/|~\/)/i.test(value)) return false; // a URL or a path
  if (/^[a-z][a-zA-Z]*(?:[.:][a-zA-Z]+)+$/.test(value)) return false; // a message key like auth.password.label
  if (/^(?:string|number|boolean|object|required|optional|hidden|text|bearer|basic)$/i.test(value)) return false;
  // Words joined by separators or camelCase are names and codes: 'refresh_token', 'use-credentials', 'GetToken'.
  if (/^[A-Za-z]+(?:[_.-][A-Za-z]+)*$/.test(value) && /[_.-]|[a-z][A-Z]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  const entropy = shannonEntropy(value);
  return (classes >= 2 && entropy >= 2.5) || (value.length >= 16 && entropy >= 3);
}

/** The first four characters and an ellipsis: enough to find the secret, never the secret. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 4)}…`;
}

/** apiKey -> API_KEY, jwt-secret -> JWT_SECRET. */
export function toEnvName(name: string): string {
  const words = identifierWords(name);
  return words.length > 0 ? words.join('_').toUpperCase().replace(/^(\d)/, '_$1') : 'SECRET';
}
