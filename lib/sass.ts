import path from "node:path";
import * as sass from "sass";

/** Compiles the stylesheet for a brand (`defra` or `govuk`) from assets/scss, once per build. */
export async function compileStyles(projectRoot: string, brand: "defra" | "govuk"): Promise<string> {
  const result = await sass.compileAsync(path.join(projectRoot, "assets", "scss", `${brand}.scss`), {
    importers: [new sass.NodePackageImporter(projectRoot)],
    style: "compressed",
    quietDeps: true,
  });
  return result.css;
}
