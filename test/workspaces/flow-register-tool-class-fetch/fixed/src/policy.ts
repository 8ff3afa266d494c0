const ALLOWED_HOSTS = new Set(['docs.example.com', 'wiki.example.com']);

export function isAllowedUrl(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' && ALLOWED_HOSTS.has(url.hostname);
}
