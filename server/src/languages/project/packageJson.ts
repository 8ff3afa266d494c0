// package.json dependencies with exact offsets (for findings on the version strings).
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

export interface DependencyEntry {
  section: string;
  name: string;
  version: string;
  /** The version string, quotes excluded. */
  versionStart: number;
  versionEnd: number;
  /** The section's key, for findings about the section as a whole. */
  sectionStart: number;
  sectionEnd: number;
}

const sections = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Dependencies of every section that installs them (peer ranges are for consumers: skipped). */
export function dependencyEntries(text: string): DependencyEntry[] {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return [];
  }
  if (!root || root.type !== 'object') return [];
  const entries: DependencyEntry[] = [];
  for (const section of sections) {
    if (section === 'peerDependencies') continue;
    const object = findNodeAtLocation(root, [section]);
    if (!object || object.type !== 'object' || !object.parent?.children?.[0]) continue;
    const key = object.parent.children[0];
    for (const property of object.children ?? []) {
      const [name, value] = property.children ?? [];
      if (!name || !value || value.type !== 'string' || typeof name.value !== 'string') continue;
      entries.push({
        section,
        name: name.value,
        version: String(value.value),
        versionStart: value.offset + 1,
        versionEnd: value.offset + value.length - 1,
        sectionStart: key.offset + 1,
        sectionEnd: key.offset + key.length - 1,
      });
    }
  }
  return entries;
}
