// An invented toolkit, for the site's tests and the browser's: three tools listed in tools.yaml, one
// placed by its page alone, a table page and a diagram page.
const tool = (title: string, slug: string, extra = "") =>
  `---\ntitle: ${title}\nlayout: tool\ntoolSlug: ${slug}\n${extra}---\n\n${title} is made up for this test.\n`;

export const TOOLKIT_FILES: Record<string, string> = {
  "_data/tools.yaml": [
    "tools:",
    "  - slug: quill-writer",
    "    title: Quill Writer",
    "    category: assistant",
    "    status: using",
    "  - slug: harbour-cloud",
    "    title: Harbour Cloud",
    "    category: platform",
    "    status: trialling",
    "  - slug: lantern-trace",
    "    title: Lantern Trace",
    "    category: platform",
    "    status: exploring",
    "",
  ].join("\n"),
  "index.md": "---\ntitle: Home\n---\n\nHome.\n",
  "kit/index.md": "---\ntitle: Kit\n---\n\nThe kit.\n",
  "kit/tools.md":
    "---\ntitle: Find a tool\ncaption: Toolkit\ndescription: Which tools teams use, trial and explore.\nlayout: radar-table\n---\n\nAn invented list.\n",
  "kit/tools/picture.md": "---\ntitle: Radar picture\nlayout: radar-diagram\n---\n\nThe same tools, drawn.\n",
  "kit/tools/quill-writer.md": tool(
    "Quill Writer",
    "quill-writer",
    "caption: Tools\ndescription: Drafts letters for you.\nsupportBox:\n  title: Get help\n  description: Ask the toolkit team.\n",
  ),
  "kit/tools/harbour-cloud.md": tool("Harbour Cloud", "harbour-cloud"),
  "kit/tools/lantern-trace.md": tool("Lantern Trace", "lantern-trace"),
  "kit/tools/paper-kite.md": tool("Paper Kite", "paper-kite", "status: exploring\ncategory: extension\n"),
};
