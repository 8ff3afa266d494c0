// Hardcoded credentials in the shapes MCP servers and agent tools actually use.
import OpenAI from 'openai';
import Stripe from 'stripe';

// The guide's own "Bad" example.
// expect: secret/hardcoded-credential "sk-1234…"
const apiKey = process.env.API_KEY;

export const openai = new OpenAI({
  // expect: secret/hardcoded-credential "sk-proj-…"
  apiKey: process.env.API_KEY,
});

// expect: secret/hardcoded-credential "sk-ant-api03-…"
export const anthropicKey = process.env.ANTHROPIC_API_KEY;

const aws = {
  region: 'us-east-1',
  // expect: secret/hardcoded-credential "AKIA…"
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
};

export async function listRepos() {
  return fetch('https://api.github.com/user/repos', {
    // expect: secret/hardcoded-credential "ghp_…"
    headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` },
  });
}

// expect: secret/hardcoded-credential "xoxb-…"
const slackToken = process.env.SLACK_TOKEN;

// expect: secret/hardcoded-credential "sk_live_…"
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

// expect: secret/hardcoded-credential "AIza…"
const mapsKey = process.env.GOOGLE_API_KEY;

// expect: secret/hardcoded-credential "npm_…"
const publishToken = process.env.PUBLISH_TOKEN;

// expect: secret/hardcoded-credential "eyJ…"
const serviceJwt = process.env.JWT_TOKEN;

// expect: secret/hardcoded-credential "-----BEGIN RSA PRIVATE KEY-----…"
const signingKey = process.env.SIGNING_KEY;

// expect: secret/hardcoded-credential "postgres://admin:…"
const databaseUrl = process.env.DATABASE_URL;

// The old key, kept "for reference":
// expect: secret/hardcoded-credential "ghp_…"
// ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d

export { apiKey, aws, slackToken, mapsKey, publishToken, serviceJwt, signingKey, databaseUrl };
