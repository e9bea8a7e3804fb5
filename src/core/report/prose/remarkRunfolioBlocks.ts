import type { Code, Html, Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "unist-util-visit";
import { BLOCK_LANGS, type BlockLang } from "../../blocks/blockSchemas.ts";
import type { TextRegion } from "../../yaml/textRegion.ts";
import { codeBodyRegion } from "../codeBodyRegion.ts";

export interface FoundBlock {
  lang: BlockLang;
  /** 0-based index among all Runfolio blocks of the report, in document order. */
  index: number;
  region: TextRegion;
}

export interface RemarkRunfolioBlocksOptions {
  /** Repository-relative path of the report, for positions. */
  file: string;
  /** File line on which the markdown body starts (front matter lines come before it). */
  bodyFirstLine: number;
  /** Turns one block into HTML; the plugin itself knows nothing about runs or charts. */
  renderBlock: (block: FoundBlock) => Promise<string>;
}

const isBlockLang = (lang: string | null | undefined): lang is BlockLang =>
  (BLOCK_LANGS as readonly string[]).includes(lang ?? "");

/** Replace ```chart / ```runs fences with the HTML `renderBlock` gives for each. */
export function remarkRunfolioBlocks(options: RemarkRunfolioBlocksOptions) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const found: { node: Code; block: FoundBlock }[] = [];
    visit(tree, "code", (node: Code) => {
      if (!isBlockLang(node.lang)) return;
      found.push({ node, block: { lang: node.lang, index: found.length, region: codeBodyRegion(options.file, options.bodyFirstLine, node, String(file.value)) } });
    });
    for (const { node, block } of found) {
      const html = await options.renderBlock(block);
      const replacement = node as unknown as Html;
      replacement.type = "html";
      replacement.value = html;
      delete (node as Partial<Code>).lang;
      delete (node as Partial<Code>).meta;
    }
  };
}
