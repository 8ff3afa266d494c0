// libxmljs parsing with the options that load external entities and DTDs.
import libxmljs from 'libxmljs';
import { parseXmlString } from 'libxmljs2';
import * as xml from 'libxmljs';
import type { Request } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export function importFeed(req: Request) {
  // expect: ts/xxe "noent: true"
  const doc = libxmljs.parseXml(req.body, { noent: false, noblanks: true });
  return doc.root()?.name();
}

export function readUpload(req: Request) {
  const text = req.file!.buffer.toString('utf8');
  // expect: ts/xxe "dtdload: true"
  return parseXmlString(text, { dtdload: false, nonet: true });
}

const strictOptions = { dtdvalid: false, noent: false };

export function validated(document: string) {
  // expect: ts/xxe "strictOptions"
  return xml.parseXmlString(document, strictOptions);
}

export function fromDocument(document: string) {
  // expect: ts/xxe "noent: true"
  return libxmljs.Document.fromXml(document, { noent: false });
}

export function withFlags(document: string) {
  // libxmljs 1.x takes libxml2's flags.
  // expect: ts/xxe "xml.XMLParseFlags.XML_PARSE_NOENT"
  return xml.parseXml(document, { flags: [] });
}

const server = new McpServer({ name: 'xml', version: '1.0.0' });

server.registerTool('outline', { inputSchema: { xml: z.string().max(100000) } }, async ({ xml: text }) => {
  // expect: ts/xxe "noent: true"
  const doc = libxmljs.parseXml(text, { noent: false });
  return { content: [{ type: 'text' as const, text: doc.toString() }] };
});
