// Allow-lists walked by a loop with checks that hold, and loops over values that are not hosts.
const ALLOWED_HOSTS = ['docs.example.com', 'status.example.com'];
const TRUSTED_PREFIXES = ['https://app.example.com/', 'https://admin.example.com/callback'];
const SUFFIXES = ['.example.com', '.example.org'];
const EXTENSIONS = ['.json', '.yaml'];

export function exact(url: string) {
  const { hostname } = new URL(url);
  // ok: ts/weak-url-allowlist
  return ALLOWED_HOSTS.some((allowed) => hostname === allowed);
}

export function slashTerminated(redirectUrl: string) {
  for (const prefix of TRUSTED_PREFIXES) {
    // ok: ts/weak-url-allowlist
    if (redirectUrl.startsWith(prefix)) return true;
  }
  return false;
}

export function dotted(hostname: string) {
  // ok: ts/weak-url-allowlist
  return SUFFIXES.some((suffix) => hostname.endsWith(suffix));
}

export function notHosts(link: string) {
  // ok: ts/weak-url-allowlist
  return EXTENSIONS.some((extension) => link.endsWith(extension));
}

export function fromConfiguration(url: string, configured: string[]) {
  // Entries read at run time: nothing to judge them by.
  // ok: ts/weak-url-allowlist
  return configured.some((entry) => url.includes(entry));
}
