// Plain-HTTP requests to public hosts.
import axios from 'axios';
import got from 'got';
import http from 'node:http';

export async function a() {
  // expect: ts/insecure-url "'http://api.openai.com/v1/models'"
  return fetch('http://api.openai.com/v1/models');
}

export async function b(id: string) {
  // expect: ts/insecure-url "`http://api.github.com/users/${id}`"
  return axios.get(`http://api.github.com/users/${id}`);
}

export async function c() {
  // expect: ts/insecure-url "'http://hooks.slack.com/services/T000/B000/XXXX'"
  return got.post('http://hooks.slack.com/services/T000/B000/XXXX', { json: { text: 'hi' } });
}

export function d() {
  // expect: ts/insecure-url "'http://registry.npmjs.org/'"
  return http.get('http://registry.npmjs.org/', () => undefined);
}

export async function e() {
  // expect: ts/insecure-url "'http://93.184.216.34/data'"
  return axios({ url: 'http://93.184.216.34/data', method: 'get' });
}
