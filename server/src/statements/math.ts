import temml from 'temml';
import { MATHML_ATTRIBUTES, MATHML_TAGS, type MathAttribute, type MathNode, type MathTag } from '../contracts/index.ts';
import { STATEMENT_CAPS } from './caps.ts';

/*
 * TeX → MathML on the server with Temml, turned into plain MathNode data of
 * allowed elements and attributes. Browsers render MathML Core natively, so
 * the candidate's page needs no math library. Temml's output classes and
 * inline styles are dropped (colours, paddings): the page's own styles stay
 * in charge, and no style text reaches the client.
 */

/** Temml's tree API (its version is pinned): MathML as data rather than as a string to re-parse. */
const renderToMathmlTree = (temml as unknown as { __renderToMathMLTree: (tex: string, options: object) => unknown }).__renderToMathMLTree;

const TAGS = new Set<string>(MATHML_TAGS);
const ATTRIBUTES = new Set<string>(MATHML_ATTRIBUTES);

/** The shape of Temml's internal tree (pinned version): elements, fragments and text. */
interface TemmlNode {
  type?: string;
  attributes?: Record<string, unknown>;
  children?: TemmlNode[];
  text?: string;
}

/**
 * The formula as MathML, or undefined when it cannot be shown faithfully
 * (a TeX error, an unsupported command, or over the size caps): the caller
 * then shows the TeX source instead.
 */
export function texToMathml(tex: string, display: boolean): MathNode | undefined {
  if (tex.length > STATEMENT_CAPS.maxFormulaChars) return undefined;
  let tree: TemmlNode;
  try {
    tree = renderToMathmlTree(tex, {
      displayMode: display,
      throwOnError: true,
      // \href, \url, \includegraphics, \class… stay errors: a formula cannot link or load anything.
      trust: false,
      strict: false,
      // Macro expansion is bounded so a formula like \def\a{\a\a}\a cannot loop.
      maxExpand: 500,
      maxSize: [20, 20],
    }) as TemmlNode;
  } catch {
    return undefined;
  }
  const budget = { nodes: 0 };
  const converted = toMathNodes(tree, 0, budget);
  const root = converted?.length === 1 ? converted[0] : undefined;
  return typeof root === 'object' && root.tag === 'math' ? root : undefined;
}

/** Fragments dissolve into their parent, so one Temml node gives any number of nodes; undefined means "over a cap". */
function toMathNodes(node: TemmlNode, depth: number, budget: { nodes: number }): (MathNode | string)[] | undefined {
  if (typeof node.text === 'string') return node.text ? [node.text] : [];
  if (depth > STATEMENT_CAPS.maxFormulaDepth || ++budget.nodes > STATEMENT_CAPS.maxFormulaNodes) return undefined;
  const children: (MathNode | string)[] = [];
  for (const child of node.children ?? []) {
    const converted = toMathNodes(child, depth + 1, budget);
    if (!converted) return undefined;
    for (const node of converted) {
      // Temml gives "10" as two text nodes; one is enough.
      const last = children.length - 1;
      if (typeof node === 'string' && typeof children[last] === 'string') children[last] += node;
      else children.push(node);
    }
  }
  if (node.type === undefined) return children;
  // An element Kodbro does not allow keeps its content in a neutral row.
  const tag = (TAGS.has(node.type) ? node.type : 'mrow') as MathTag;
  const attrs = allowedAttributes(node.attributes);
  return [{ tag, ...(attrs ? { attrs } : {}), ...(children.length ? { children } : {}) }];
}

function allowedAttributes(attributes: Record<string, unknown> | undefined): MathNode['attrs'] {
  const out: Partial<Record<MathAttribute, string>> = {};
  let any = false;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (!ATTRIBUTES.has(name) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) continue;
    out[name as MathAttribute] = String(value).slice(0, 100);
    any = true;
  }
  return any ? out : undefined;
}
