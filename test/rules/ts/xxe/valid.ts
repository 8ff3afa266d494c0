// XML parsed without external entities: libxmljs defaults, options turned off, and parsers
// that never load external entities whatever their options.
import libxmljs from 'libxmljs';
import { parseString } from 'xml2js';
import { XMLParser } from 'fast-xml-parser';
import { DOMParser } from '@xmldom/xmldom';
import type { Request } from 'express';

export function defaults(req: Request) {
  // ok: ts/xxe
  return libxmljs.parseXml(req.body);
}

export function turnedOff(req: Request) {
  // ok: ts/xxe
  return libxmljs.parseXml(req.body, { noent: false, dtdload: false, nonet: true });
}

export function constantDocument() {
  // ok: ts/xxe
  return libxmljs.parseXml('<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', { noent: true });
}

export function html(req: Request) {
  // The HTML parser has no external entities to load.
  // ok: ts/xxe
  return libxmljs.parseHtml(req.body, { noent: true });
}

export function withXml2js(req: Request) {
  // ok: ts/xxe
  parseString(req.body, { explicitArray: false }, () => undefined);
}

export function withFastXmlParser(req: Request) {
  // ok: ts/xxe
  return new XMLParser({ processEntities: true, htmlEntities: true }).parse(req.body);
}

export function withXmldom(req: Request) {
  // ok: ts/xxe
  return new DOMParser().parseFromString(String(req.body), 'text/xml');
}

const parser = { parseXml: (text: string, options: { noent: boolean }) => ({ text, options }) };
export function localObject(req: Request) {
  // ok: ts/xxe
  return parser.parseXml(String(req.body), { noent: true });
}
