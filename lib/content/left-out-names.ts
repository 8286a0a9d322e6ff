// Names that keep a file, or everything in a folder, out of the published pages. Whatever decides
// what is a page asks here, so the content scan, the folder defaults and the dev server agree.

/** Other tools' hidden files and folders (.DS_Store, .gitkeep, .obsidian/): left out without a word. */
export const isHiddenName = (name: string): boolean => name.startsWith(".");

/** Drafts and notes (_drafts/, _notes.md) and the site's own folders (_data/): never published as pages. */
export const isDraftName = (name: string): boolean => name.startsWith("_");

/** Whether a file or folder with this name is left out of the published pages. */
export const isLeftOutName = (name: string): boolean => isHiddenName(name) || isDraftName(name);
