export const apiUrl = (endpoint: string): string =>
  endpoint.startsWith('http') ? endpoint : `https://api.example.com/v2/${endpoint}`;
