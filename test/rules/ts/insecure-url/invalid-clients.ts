// Clients reached through instances, renames, destructuring and inline requires.
import axios from 'axios';
import * as undici from 'undici';
import { get as httpGet } from 'node:http';
const { request } = require('undici');
const got = require('got');

const api = axios.create({ timeout: 5000 });
const client = got.extend({ retry: { limit: 2 } });
const fetcher = axios;

export async function instance() {
  // expect: ts/insecure-url "'http://api.acmecorp.io/v1/items'"
  return api.get('http://api.acmecorp.io/v1/items');
}

export async function extended() {
  // expect: ts/insecure-url "'http://status.acmecorp.io/health'"
  return client.get('http://status.acmecorp.io/health');
}

export async function reassigned() {
  // expect: ts/insecure-url "'http://files.acmecorp.io/report.csv'"
  return fetcher.get('http://files.acmecorp.io/report.csv');
}

export async function destructured() {
  // expect: ts/insecure-url "'http://hooks.acmecorp.io/notify'"
  return request('http://hooks.acmecorp.io/notify');
}

export async function namespaced() {
  // expect: ts/insecure-url "'http://metrics.acmecorp.io/push'"
  return undici.request('http://metrics.acmecorp.io/push');
}

export function renamedHttpGet() {
  // expect: ts/insecure-url "'http://feeds.acmecorp.io/rss'"
  return httpGet('http://feeds.acmecorp.io/rss');
}

export async function inlineRequire() {
  // expect: ts/insecure-url "'http://cdn.acmecorp.io/lib.js'"
  return require('axios').get('http://cdn.acmecorp.io/lib.js');
}

export function notAClient(cache: Map<string, string>) {
  // ok: ts/insecure-url
  return cache.get('http://cdn.acmecorp.io/lib.js');
}
