import { z } from 'zod';

/**
 * A challenge statement as the candidate's page receives it: a small tree of
 * allowed elements, made on the server from the statement's Markdown (one
 * pinned dialect, docs/package-format.md). The client renders these nodes as
 * React elements and nothing else — there is no HTML string anywhere, so no
 * statement can put markup, scripts or remote resources on the page.
 *
 * A string is a text node. Images name a file of the challenge version
 * (served by the API, never a remote address); links are http, https or
 * mailto only. Math carries its TeX source and, when the server could
 * render it, a MathML tree made of the allowed MathML elements and
 * attributes below. The server bounds depth and node count.
 */

/** MathML Core elements (and the few others the TeX converter emits) that a statement may hold. */
export const MATHML_TAGS = [
  'math', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup', 'munder', 'mover',
  'munderover', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'mtable', 'mtr', 'mtd',
  'mmultiscripts', 'mprescripts', 'none', 'merror', 'semantics', 'annotation',
] as const;
export type MathTag = (typeof MATHML_TAGS)[number];

/** Presentation attributes only: nothing that loads, links, scripts or styles. */
export const MATHML_ATTRIBUTES = [
  'display', 'mathvariant', 'displaystyle', 'scriptlevel', 'form', 'fence', 'separator', 'stretchy', 'symmetric',
  'largeop', 'movablelimits', 'lspace', 'rspace', 'minsize', 'maxsize', 'accent', 'accentunder', 'linethickness',
  'width', 'height', 'depth', 'voffset', 'columnalign', 'rowalign', 'columnspan', 'rowspan', 'notation', 'encoding',
] as const;
export type MathAttribute = (typeof MATHML_ATTRIBUTES)[number];

export interface MathNode {
  tag: MathTag;
  attrs?: Partial<Record<MathAttribute, string>>;
  children?: (MathNode | string)[];
}

export type TableAlign = 'left' | 'center' | 'right' | null;

/** Elements whose only content is their children. */
export const CONTAINER_TYPES = ['paragraph', 'emphasis', 'strong', 'delete', 'blockquote', 'listItem', 'tableRow'] as const;
export type ContainerType = (typeof CONTAINER_TYPES)[number];

export type StatementElement =
  | { type: ContainerType; children: StatementNode[] }
  | { type: 'heading'; depth: number; children: StatementNode[] }
  | { type: 'list'; ordered: boolean; start?: number; children: StatementNode[] }
  | { type: 'table'; align: TableAlign[]; children: StatementNode[] }
  | { type: 'tableCell'; header: boolean; children: StatementNode[] }
  | { type: 'link'; url: string; children: StatementNode[] }
  | { type: 'image'; file: string; alt: string }
  | { type: 'inlineCode'; value: string }
  | { type: 'code'; value: string; lang?: string }
  | { type: 'math'; display: boolean; tex: string; mathml?: MathNode }
  | { type: 'break' }
  | { type: 'thematicBreak' };

/** A text node (a string) or an element. */
export type StatementNode = string | StatementElement;

export interface StatementDoc {
  children: StatementNode[];
}

// The ids name the recursive schemas, so the OpenAPI document refers to them instead of unfolding them forever.
const mathNodeSchema: z.ZodType<MathNode> = z
  .lazy(() =>
    z.object({
      tag: z.enum(MATHML_TAGS),
      attrs: z.partialRecord(z.enum(MATHML_ATTRIBUTES), z.string()).optional(),
      children: z.array(z.union([mathNodeSchema, z.string()])).optional(),
    }),
  )
  .meta({ id: 'MathNode' });

const children = z.lazy(() => z.array(statementNodeSchema));

export const statementNodeSchema: z.ZodType<StatementNode> = z.lazy(() =>
  z.union([
    z.string(),
    z.discriminatedUnion('type', [
      z.object({ type: z.enum(CONTAINER_TYPES), children }),
      z.object({ type: z.literal('heading'), depth: z.number().int().min(1).max(6), children }),
      z.object({ type: z.literal('list'), ordered: z.boolean(), start: z.number().int().optional(), children }),
      z.object({ type: z.literal('table'), align: z.array(z.enum(['left', 'center', 'right']).nullable()), children }),
      z.object({ type: z.literal('tableCell'), header: z.boolean(), children }),
      z.object({ type: z.literal('link'), url: z.string().regex(/^(?:https?:\/\/|mailto:)/i), children }),
      z.object({ type: z.literal('image'), file: z.string(), alt: z.string() }),
      z.object({ type: z.literal('inlineCode'), value: z.string() }),
      z.object({ type: z.literal('code'), value: z.string(), lang: z.string().optional() }),
      z.object({ type: z.literal('math'), display: z.boolean(), tex: z.string(), mathml: mathNodeSchema.optional() }),
      z.object({ type: z.literal('break') }),
      z.object({ type: z.literal('thematicBreak') }),
    ]),
  ]),
).meta({ id: 'StatementNode' });

export const statementDocSchema: z.ZodType<StatementDoc> = z.object({ children: z.array(statementNodeSchema) });
