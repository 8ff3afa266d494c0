// Hardcoded credentials in the shapes MCP servers and agent tools actually use.
import OpenAI from 'openai';
import Stripe from 'stripe';

// The guide's own "Bad" example.
// expect: secret/hardcoded-credential "sk-1234…"
const apiKey = 'sk-1234567890abcdef';

export const openai = new OpenAI({
  // expect: secret/hardcoded-credential "sk-proj-…"
  apiKey: 'sk-proj-A4uoRgnatmUdjAWtGSU8po_799NksnRH9ucAUsdM',
});

// expect: secret/hardcoded-credential "sk-ant-api03-…"
export const anthropicKey = "sk-ant-api03-lHUvTCQCyEZDz-TddJ8HyS5SUkCnD8zRA9a9SkpX";

const aws = {
  region: 'us-east-1',
  // expect: secret/hardcoded-credential "AKIA…"
  accessKeyId: 'AKIAUI6D39ZZZZG4ZDME',
};

export async function listRepos() {
  return fetch('https://api.github.com/user/repos', {
    // expect: secret/hardcoded-credential "ghp_…"
    headers: { Authorization: `token ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d` },
  });
}

// expect: secret/hardcoded-credential "xoxb-…"
const slackToken = 'xoxb-99603082462-819482199351-JTeKdNnFRIBXuDL7DxtpYlSX';

// expect: secret/hardcoded-credential "sk_live_…"
export const stripe = new Stripe('sk_live_pfKtHF4vUCsMehGAkWvj7FAc');

// expect: secret/hardcoded-credential "AIza…"
const mapsKey = 'AIzajORS-6ilI8ihN5KXSc7Tvo-hBKqFYY-kv5Z';

// expect: secret/hardcoded-credential "npm_…"
const publishToken = 'npm_Jr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIx';

// expect: secret/hardcoded-credential "eyJ…"
const serviceJwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6InN2YyIsImlhdCI6MTcxNjIzOTAyMn0.z9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qt';

// expect: secret/hardcoded-credential "-----BEGIN RSA PRIVATE KEY-----…"
const signingKey = '-----BEGIN RSA PRIVATE KEY-----\nc4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY+uCu3ZR1zT\n-----END RSA PRIVATE KEY-----';

// expect: secret/hardcoded-credential "postgres://admin:…"
const databaseUrl = 'postgres://admin:Xk29vLq7pR@db.internal:5432/app';

// The old key, kept "for reference":
// expect: secret/hardcoded-credential "ghp_…"
// ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d

export { apiKey, aws, slackToken, mapsKey, publishToken, serviceJwt, signingKey, databaseUrl };
