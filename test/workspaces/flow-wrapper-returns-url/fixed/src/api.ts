export const apiUrl = (endpoint: string): string =>
  `https://api.example.com/v2/${encodeURIComponent(endpoint.replace(/^\/+/, ''))}`;
