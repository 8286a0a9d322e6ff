import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  CONTENT_COMPONENTS,
  GOVUK_COMPONENTS,
  LAYOUT_COMPONENTS,
  type AvailableStyles,
  type UsedStyles,
} from "./used-components.ts";

/**
 * The stylesheet is compiled once with every component in, each component's CSS between markers, and each
 * build keeps the parts its pages use. Compiling only the components a site uses gave a stylesheet per
 * set of them: a page that starts using one more (a save in the dev server, a new page in CI, each of the
 * tests' sites) waited for Sass again, about a second each time, where cutting parts out takes
 * milliseconds. Sass writes a module's CSS once, after the CSS of the modules it `@use`s, so a part that
 * `@use`s the parts of the components it depends on first holds exactly its own component's CSS.
 *
 * A component another uses is found by its `@use` and kept with it. A partial that components share without
 * being a component (assets/scss/_defra-brand.scss) must hold only mixins and variables: CSS it wrote would
 * land in the part of the first component to use it.
 */

type Group = keyof Pick<UsedStyles, "govuk" | "layout" | "content">;
const GROUPS: Group[] = ["govuk", "layout", "content"];

/** Each component as `<group>/<name>` (`govuk/radios`), with the components its Sass `@use`s. */
export type PartDependencies = Map<string, string[]>;

const govukDependencies = new Map<string, string[]>();

/**
 * The components a file's Sass `@use`s, by folder or file name: GOV.UK Frontend's by their package URL, and
 * those of its own kind by the URLs `sibling` matches, if given.
 */
function usedComponents(scss: string, sibling?: RegExp): { govuk: string[]; sibling: string[] } {
  const urls = [...scss.matchAll(/^@(?:use|forward)\s+"([^"]+)"/gm)].map((match) => match[1]);
  const govuk = urls.flatMap((url) => /^pkg:govuk-frontend\/components\/([a-z0-9-]+)$/.exec(url)?.[1] ?? []);
  return { govuk, sibling: sibling ? urls.flatMap((url) => sibling.exec(url)?.[1] ?? []) : [] };
}

/** What each available component depends on, from its Sass (GOV.UK Frontend's read once per process). */
export function partDependencies(projectRoot: string, available: AvailableStyles): PartDependencies {
  const dependencies: PartDependencies = new Map();
  const govukRoot = path.join(projectRoot, GOVUK_COMPONENTS);
  for (const name of available.govuk) {
    const key = `${govukRoot}\0${name}`;
    if (!govukDependencies.has(key)) {
      const scss = readFileSync(path.join(govukRoot, name, "_index.scss"), "utf8");
      govukDependencies.set(key, usedComponents(scss, /^\.\.\/([a-z0-9-]+)$/).sibling);
    }
    dependencies.set(
      `govuk/${name}`,
      govukDependencies.get(key)!.map((dependency) => `govuk/${dependency}`),
    );
  }
  const layoutNames = new Set(available.layout.map((component) => component.name));
  for (const { name } of available.layout) {
    const scss = readFileSync(path.join(projectRoot, LAYOUT_COMPONENTS, name, "_index.scss"), "utf8");
    const uses = usedComponents(scss, /^\.\.\/([a-z0-9-]+)$/);
    dependencies.set(`layout/${name}`, [
      ...uses.govuk.map((dependency) => `govuk/${dependency}`),
      ...uses.sibling.filter((dependency) => layoutNames.has(dependency)).map((dependency) => `layout/${dependency}`),
    ]);
  }
  const contentNames = new Set(available.content);
  for (const name of available.content) {
    const scss = readFileSync(path.join(projectRoot, CONTENT_COMPONENTS, `_${name}.scss`), "utf8");
    const uses = usedComponents(scss, /^(?:\.\/)?_?([a-z0-9-]+)(?:\.scss)?$/);
    dependencies.set(`content/${name}`, [
      ...uses.govuk.map((dependency) => `govuk/${dependency}`),
      ...uses.sibling.filter((dependency) => contentNames.has(dependency)).map((dependency) => `content/${dependency}`),
    ]);
  }
  return dependencies;
}

/**
 * The GOV.UK Frontend components the stylesheet's own files (not a component's) `@use`, which every build keeps
 * whatever its pages use: assets/scss/_chrome.scss styles the back link, so it `@use`s its component.
 */
export function componentsAlwaysIn(projectRoot: string, available: AvailableStyles): string[] {
  const folder = path.join(projectRoot, "assets", "scss");
  const own = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter(
    (file) =>
      file.endsWith(".scss") && !path.join("assets", "scss", file).startsWith(path.normalize(CONTENT_COMPONENTS)),
  );
  const named = new Set(own.flatMap((file) => usedComponents(readFileSync(path.join(folder, file), "utf8")).govuk));
  return available.govuk.filter((name) => named.has(name));
}

const SOURCES: Record<Group, (name: string) => string> = {
  govuk: (name) => `pkg:govuk-frontend/components/${name}`,
  layout: (name) => `${LAYOUT_COMPONENTS}/${name}`,
  content: (name) => `${CONTENT_COMPONENTS}/${name}`,
};

// Loud comments, which compressed output keeps. A group's start marker ends what came before it (always kept).
const MARKER = /\/\*! stylesheet-part (?:start ([a-z]+)|([a-z]+)\/([a-z0-9-]+)) \*\//g;

/**
 * The modules the brand's entry `@use`s as `build:<group>-components`, with every available component in its
 * group's order, each through a part of its own (`build:part/<group>/<name>`) that marks where its CSS ends.
 */
export function allPartsModules(available: AvailableStyles, dependencies: PartDependencies): Record<string, string> {
  const modules: Record<string, string> = {};
  const names: Record<Group, string[]> = {
    govuk: available.govuk,
    layout: available.layout.map((component) => component.name),
    content: available.content,
  };
  for (const group of GROUPS) {
    modules[`start/${group}`] = `/*! stylesheet-part start ${group} */\n`;
    modules[`${group}-components`] = [`start/${group}`, ...names[group].map((name) => `part/${group}/${name}`)]
      .map((module) => `@use "build:${module}";\n`)
      .join("");
    for (const name of names[group]) {
      const part = `${group}/${name}`;
      const uses = [
        ...(dependencies.get(part) ?? []).map((dependency) => `build:part/${dependency}`),
        SOURCES[group](name),
      ];
      modules[`part/${part}`] = `${uses.map((url) => `@use "${url}";\n`).join("")}/*! stylesheet-part ${part} */\n`;
    }
  }
  return modules;
}

/**
 * The whole stylesheet with only the CSS of the components `used` names and of those they depend on, and no
 * markers; what is in no component stays. Each group's parts are put in the order Sass writes a stylesheet
 * compiled from those components alone (each component after the ones it `@use`s, in its group's order), so
 * the result is the stylesheet that compiling just them gives, byte for byte.
 */
export function keepParts(css: string, used: UsedStyles, dependencies: PartDependencies): string {
  const pieces: ({ outside: string } | { group: Group })[] = [];
  const parts = new Map<string, string>();
  let from = 0;
  for (const match of css.matchAll(MARKER)) {
    const [marker, started, group, name] = match;
    const text = css.slice(from, match.index);
    from = match.index + marker.length;
    if (started) {
      if (!(GROUPS as string[]).includes(started)) throw new Error(`the compiled stylesheet has a group "${started}"`);
      pieces.push({ outside: text }, { group: started as Group });
    } else parts.set(`${group}/${name}`, text);
  }
  pieces.push({ outside: css.slice(from) });

  const written = new Set<string>();
  const write = (part: string): string => {
    if (written.has(part)) return "";
    written.add(part);
    const before = (dependencies.get(part) ?? []).map(write).join("");
    const text = parts.get(part);
    if (text === undefined) throw new Error(`the compiled stylesheet has no part for ${part}`);
    return before + text;
  };
  return pieces
    .map((piece) =>
      "outside" in piece ? piece.outside : used[piece.group].map((name) => write(`${piece.group}/${name}`)).join(""),
    )
    .join("");
}
