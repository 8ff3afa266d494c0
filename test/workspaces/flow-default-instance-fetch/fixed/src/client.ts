class ApiClient {
  constructor(private readonly token = process.env.API_TOKEN ?? '') {}

  async get(endpoint: string): Promise<unknown> {
    const response = await fetch(`https://api.example.com/v1/${encodeURIComponent(endpoint)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    return response.json();
  }
}

export default new ApiClient();
