// Checks front matter against the site's JSON Schema in editors: VS Code's remark extension
// (unifiedjs.vscode-remark) runs this file and shows the problems as you type. See README, "Editor support".
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, { schemas: { "./schemas/front-matter.schema.json": ["./content/**/*.md"] } }],
  ],
};
