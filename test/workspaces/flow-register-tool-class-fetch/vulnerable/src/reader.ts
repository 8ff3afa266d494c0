export class PageReader {
  async read({ url, maxBytes }: { url: string; maxBytes: number }): Promise<string> {
    const response = await fetch(url, { redirect: 'error' });
    const body = await response.text();
    return body.slice(0, maxBytes);
  }
}
