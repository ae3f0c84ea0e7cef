// @ts-check
/**
 * The layering of docs/ARCHITECTURE.md as an allow-list: each layer names the layers and the kinds of
 * npm packages it may import, and every package is classed by where it runs (Signal Desktop's idea).
 * A new dependency cannot be imported anywhere until it is classed here.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

/** Where each npm package may run: node (Node only), dom (a browser page), both, or electron. */
export const PACKAGE_KINDS = {
  zod: 'both',
  'pinyin-pro': 'both',
  'better-sqlite3': 'node',
  '@electric-sql/pglite': 'node',
  pg: 'node',
  ajv: 'node',
  'pg-copy-streams': 'node',
  'csv-parse': 'node',
  mp4box: 'node',
  yauzl: 'node',
  yazl: 'node',
  selfsigned: 'node',
  '@peculiar/x509': 'node',
  'node-forge': 'node',
  'bonjour-service': 'node',
  '@homebridge/ciao': 'node',
  qrcode: 'both',
  react: 'dom',
  'react-dom': 'dom',
  i18next: 'dom',
  'react-i18next': 'dom',
  three: 'dom',
  '@react-three/fiber': 'dom',
  '@react-three/xr': 'dom',
  zustand: 'dom',
  '@zxcvbn-ts/core': 'dom',
  '@zxcvbn-ts/language-common': 'dom',
  '@zxcvbn-ts/language-en': 'dom',
  electron: 'electron',
};

/**
 * What each layer may import: its own folder and the layers listed, and packages of the kinds listed.
 * src/shared runs in every layer, the page included, so it names its packages one by one.
 */
export const LAYERS = {
  shared: { layers: [], kinds: [], packages: ['zod'] },
  core: { layers: ['shared'], kinds: ['node', 'both'] },
  handlers: { layers: ['shared', 'core'], kinds: ['node', 'both'] },
  server: { layers: ['shared', 'core', 'handlers'], kinds: ['node', 'both'] },
  cli: { layers: ['shared', 'core', 'handlers', 'server'], kinds: ['node', 'both'] },
  main: { layers: ['shared', 'core', 'handlers'], kinds: ['node', 'both', 'electron'] },
  preload: { layers: ['shared'], kinds: ['electron'] },
  renderer: { layers: ['shared'], kinds: ['dom', 'both'] },
};

const NODE_BUILTINS = new Set(builtinModules);

/** The layer a file is in (the folder under src/), or undefined outside src/. */
function layerOf(file, root) {
  const parts = path.relative(root, file).split(path.sep);
  return parts[0] === 'src' && parts[1] in LAYERS ? parts[1] : undefined;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Each layer imports only what it is allowed to (docs/ARCHITECTURE.md).' } },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const layer = layerOf(file, root);
    if (!layer) return {};
    const allowed = LAYERS[layer];
    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), specifier), root);
        if (target && target !== layer && !allowed.layers.includes(target)) {
          context.report({ node, message: `src/${layer} may not import src/${target}: it may import ${[layer, ...allowed.layers].map((l) => `src/${l}`).join(', ')} (docs/ARCHITECTURE.md).` });
        }
        return;
      }
      const name = packageName(specifier);
      const kind = name.startsWith('node:') || NODE_BUILTINS.has(name) ? 'node' : PACKAGE_KINDS[name];
      if (!kind) {
        context.report({ node, message: `'${name}' is not classed: add it to PACKAGE_KINDS in eslint-rules/layers.js (node, dom, both or electron) before importing it.` });
      } else if (allowed.packages ? !allowed.packages.includes(name) : !allowed.kinds.includes(kind)) {
        const may = allowed.packages ? allowed.packages.join(', ') : `${allowed.kinds.join(' or ')} packages`;
        context.report({ node, message: `src/${layer} may not import '${name}' (a ${kind} package): it may import ${may}.` });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'layer-imports': rule } };
